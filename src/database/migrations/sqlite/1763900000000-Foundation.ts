import type { MigrationInterface, QueryRunner } from 'typeorm';

/** CPOs, API tokens and Locations. Ids compare case-insensitively (NOCASE); `cpo_id` is case-sensitive. */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE cpos (
      pk INTEGER PRIMARY KEY AUTOINCREMENT,
      cpo_id VARCHAR(36) NOT NULL COLLATE BINARY,
      name VARCHAR(255) NOT NULL,
      country_code VARCHAR(2) NOT NULL,
      party_id VARCHAR(3) NOT NULL,
      created BIGINT NOT NULL,
      CONSTRAINT uq_cpos_cpo_id UNIQUE (cpo_id)
    )`);
    await db.query(`CREATE TABLE api_tokens (
      pk INTEGER PRIMARY KEY AUTOINCREMENT,
      token_hash VARCHAR(64) NOT NULL,
      scope VARCHAR(5) NOT NULL,
      created BIGINT NOT NULL,
      revoked BIGINT NULL,
      CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash)
    )`);
    await db.query(`CREATE TABLE api_token_cpos (
      token_pk INTEGER NOT NULL REFERENCES api_tokens (pk) ON DELETE CASCADE,
      cpo_pk INTEGER NOT NULL REFERENCES cpos (pk),
      PRIMARY KEY (token_pk, cpo_pk)
    )`);
    await db.query(`CREATE INDEX ix_api_token_cpos_cpo ON api_token_cpos (cpo_pk)`);
    await db.query(`CREATE TABLE locations (
      id VARCHAR(36) NOT NULL COLLATE NOCASE PRIMARY KEY,
      cpo_pk INTEGER NOT NULL REFERENCES cpos (pk),
      name VARCHAR(255) NOT NULL,
      address VARCHAR(255) NOT NULL,
      address_line_2 VARCHAR(255) NULL,
      city VARCHAR(45) NOT NULL COLLATE NOCASE,
      postal_code VARCHAR(10) NOT NULL COLLATE NOCASE,
      state VARCHAR(45) NULL,
      country VARCHAR(3) NOT NULL COLLATE NOCASE,
      latitude VARCHAR(16) NULL,
      longitude VARCHAR(16) NULL,
      lat DOUBLE NULL,
      lng DOUBLE NULL,
      type VARCHAR(20) NOT NULL,
      publish BOOLEAN NOT NULL,
      directions TEXT NULL,
      facilities TEXT NULL,
      time_zone VARCHAR(64) NULL,
      opening_times TEXT NULL,
      remarks TEXT NULL,
      maintenance_info TEXT NULL,
      cpo_customer_external_id VARCHAR(255) NULL,
      access_type VARCHAR(10) NULL,
      auth_rules TEXT NULL,
      energy_mix TEXT NULL,
      payment_provider VARCHAR(255) NULL,
      wallet_id VARCHAR(255) NULL,
      custom_groups TEXT NULL,
      customised_fields TEXT NULL,
      created_by VARCHAR(255) NOT NULL,
      modified_by VARCHAR(255) NOT NULL,
      etag VARCHAR(36) NOT NULL,
      created BIGINT NOT NULL,
      modified BIGINT NOT NULL,
      last_updated BIGINT NOT NULL
    )`);
    await db.query(`CREATE INDEX ix_locations_cpo_feed ON locations (cpo_pk, last_updated, id)`);
    await db.query(`CREATE INDEX ix_locations_feed ON locations (last_updated, id)`);
    await db.query(`CREATE INDEX ix_locations_geo ON locations (lat, lng)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE locations`);
    await db.query(`DROP TABLE api_token_cpos`);
    await db.query(`DROP TABLE api_tokens`);
    await db.query(`DROP TABLE cpos`);
  }
}
