import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Change events and webhooks (SPEC §10). `events` is the transactional outbox: a row is written in
 * the transaction of the change, with `sequence` NULL; the publisher gives committed events their
 * feed position (`sequence`, under the lock of the one `event_publication` row), so the feed never
 * skips an event whose transaction committed late. Webhook endpoints, one delivery per event and
 * endpoint (claimed by the relay with SKIP LOCKED), and the log of every attempt.
 */
export class EventsAndWebhooks1763960000000 implements MigrationInterface {
  name = 'EventsAndWebhooks1763960000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE events (
      pk BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      id VARCHAR(40) NOT NULL,
      cpo_pk INT NOT NULL,
      type VARCHAR(64) NOT NULL,
      sequence BIGINT NULL,
      occurred_at BIGINT NOT NULL,
      target_endpoint_pk INT NULL,
      data LONGTEXT NOT NULL,
      UNIQUE KEY ux_events_id (id),
      UNIQUE KEY ux_events_sequence (sequence),
      KEY ix_events_feed (cpo_pk, sequence),
      KEY ix_events_occurred (occurred_at)
    ) ${TABLE}`);
    // The connectivity sweeper reads the stations stored Online whose charger went silent.
    await db.query(`CREATE INDEX ix_station_configurations_online ON station_configurations (connectivity_status, last_seen)`);
    await db.query(`CREATE TABLE event_publication (
      id INT NOT NULL PRIMARY KEY,
      last_sequence BIGINT NOT NULL
    ) ${TABLE}`);
    await db.query(`INSERT INTO event_publication (id, last_sequence) VALUES (1, 0)`);
    await db.query(`CREATE TABLE webhook_endpoints (
      pk INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      id VARCHAR(36) NOT NULL,
      cpo_pk INT NOT NULL,
      url VARCHAR(2048) NOT NULL,
      description VARCHAR(255) NULL,
      event_types TEXT NOT NULL,
      enabled TINYINT(1) NOT NULL,
      disabled_reason VARCHAR(255) NULL,
      secrets TEXT NOT NULL,
      failing_since BIGINT NULL,
      created BIGINT NOT NULL,
      last_updated BIGINT NOT NULL,
      UNIQUE KEY ux_webhook_endpoints_id (id),
      KEY ix_webhook_endpoints_cpo (cpo_pk),
      CONSTRAINT fk_webhook_endpoints_cpo FOREIGN KEY (cpo_pk) REFERENCES cpos (pk)
    ) ${TABLE}`);
    await db.query(`CREATE TABLE webhook_deliveries (
      pk BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      endpoint_pk INT NOT NULL,
      event_pk BIGINT NOT NULL,
      state VARCHAR(12) NOT NULL,
      attempts INT NOT NULL,
      next_attempt_at BIGINT NULL,
      claimed_by VARCHAR(40) NULL,
      created BIGINT NOT NULL,
      UNIQUE KEY ux_webhook_deliveries (endpoint_pk, event_pk),
      KEY ix_webhook_deliveries_due (state, next_attempt_at),
      KEY ix_webhook_deliveries_event (event_pk),
      CONSTRAINT fk_webhook_deliveries_endpoint FOREIGN KEY (endpoint_pk) REFERENCES webhook_endpoints (pk)
    ) ${TABLE}`);
    await db.query(`CREATE TABLE webhook_attempts (
      pk BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      delivery_pk BIGINT NOT NULL,
      endpoint_pk INT NOT NULL,
      event_id VARCHAR(40) NOT NULL,
      event_type VARCHAR(64) NOT NULL,
      attempt INT NOT NULL,
      attempted_at BIGINT NOT NULL,
      succeeded TINYINT(1) NOT NULL,
      http_status INT NULL,
      error VARCHAR(255) NULL,
      duration_ms INT NOT NULL,
      next_attempt_at BIGINT NULL,
      KEY ix_webhook_attempts_endpoint (endpoint_pk, pk),
      KEY ix_webhook_attempts_delivery (delivery_pk)
    ) ${TABLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_station_configurations_online ON station_configurations`);
    for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_endpoints', 'event_publication', 'events']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
