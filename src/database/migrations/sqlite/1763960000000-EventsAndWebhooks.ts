import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change events and webhooks (SPEC §10); see the MySQL migration of the same name for what each
 * table is for.
 */
export class EventsAndWebhooks1763960000000 implements MigrationInterface {
  name = 'EventsAndWebhooks1763960000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE events (
      pk INTEGER PRIMARY KEY AUTOINCREMENT,
      id VARCHAR(40) NOT NULL UNIQUE,
      cpo_pk INTEGER NOT NULL,
      type VARCHAR(64) NOT NULL,
      sequence BIGINT NULL UNIQUE,
      occurred_at BIGINT NOT NULL,
      target_endpoint_pk INTEGER NULL,
      data TEXT NOT NULL
    )`);
    await db.query(`CREATE INDEX ix_events_feed ON events (cpo_pk, sequence)`);
    await db.query(`CREATE INDEX ix_events_occurred ON events (occurred_at)`);
    // The connectivity sweeper reads the stations stored Online whose charger went silent.
    await db.query(`CREATE INDEX ix_station_configurations_online ON station_configurations (connectivity_status, last_seen)`);
    await db.query(`CREATE TABLE event_publication (
      id INTEGER PRIMARY KEY,
      last_sequence BIGINT NOT NULL
    )`);
    await db.query(`INSERT INTO event_publication (id, last_sequence) VALUES (1, 0)`);
    await db.query(`CREATE TABLE webhook_endpoints (
      pk INTEGER PRIMARY KEY AUTOINCREMENT,
      id VARCHAR(36) NOT NULL UNIQUE,
      cpo_pk INTEGER NOT NULL REFERENCES cpos (pk),
      url VARCHAR(2048) NOT NULL,
      description VARCHAR(255) NULL,
      event_types TEXT NOT NULL,
      enabled BOOLEAN NOT NULL,
      disabled_reason VARCHAR(255) NULL,
      secrets TEXT NOT NULL,
      failing_since BIGINT NULL,
      created BIGINT NOT NULL,
      last_updated BIGINT NOT NULL
    )`);
    await db.query(`CREATE INDEX ix_webhook_endpoints_cpo ON webhook_endpoints (cpo_pk)`);
    await db.query(`CREATE TABLE webhook_deliveries (
      pk INTEGER PRIMARY KEY AUTOINCREMENT,
      endpoint_pk INTEGER NOT NULL REFERENCES webhook_endpoints (pk),
      event_pk BIGINT NOT NULL,
      state VARCHAR(12) NOT NULL,
      attempts INTEGER NOT NULL,
      next_attempt_at BIGINT NULL,
      claimed_by VARCHAR(40) NULL,
      created BIGINT NOT NULL,
      UNIQUE (endpoint_pk, event_pk)
    )`);
    await db.query(`CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at)`);
    await db.query(`CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (event_pk)`);
    await db.query(`CREATE TABLE webhook_attempts (
      pk INTEGER PRIMARY KEY AUTOINCREMENT,
      delivery_pk BIGINT NOT NULL,
      endpoint_pk INTEGER NOT NULL,
      event_id VARCHAR(40) NOT NULL,
      event_type VARCHAR(64) NOT NULL,
      attempt INTEGER NOT NULL,
      attempted_at BIGINT NOT NULL,
      succeeded BOOLEAN NOT NULL,
      http_status INTEGER NULL,
      error VARCHAR(255) NULL,
      duration_ms INTEGER NOT NULL,
      next_attempt_at BIGINT NULL
    )`);
    await db.query(`CREATE INDEX ix_webhook_attempts_endpoint ON webhook_attempts (endpoint_pk, pk)`);
    await db.query(`CREATE INDEX ix_webhook_attempts_delivery ON webhook_attempts (delivery_pk)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_station_configurations_online`);
    for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_endpoints', 'event_publication', 'events']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
