import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** CPOs, API tokens and Locations. Ids compare case-insensitively (_ci); `cpo_id` is case-sensitive (_bin). */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE cpos (
      pk INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      cpo_id VARCHAR(36) COLLATE utf8mb4_bin NOT NULL,
      name VARCHAR(255) NOT NULL,
      country_code VARCHAR(2) NOT NULL,
      party_id VARCHAR(3) NOT NULL,
      created BIGINT NOT NULL,
      UNIQUE KEY uq_cpos_cpo_id (cpo_id)
    ) ${TABLE}`);
    await db.query(`CREATE TABLE api_tokens (
      pk INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      token_hash VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
      scope VARCHAR(5) NOT NULL,
      created BIGINT NOT NULL,
      revoked BIGINT NULL,
      UNIQUE KEY uq_api_tokens_hash (token_hash)
    ) ${TABLE}`);
    await db.query(`CREATE TABLE api_token_cpos (
      token_pk INT NOT NULL,
      cpo_pk INT NOT NULL,
      PRIMARY KEY (token_pk, cpo_pk),
      KEY ix_api_token_cpos_cpo (cpo_pk),
      CONSTRAINT fk_api_token_cpos_token FOREIGN KEY (token_pk) REFERENCES api_tokens (pk) ON DELETE CASCADE,
      CONSTRAINT fk_api_token_cpos_cpo FOREIGN KEY (cpo_pk) REFERENCES cpos (pk)
    ) ${TABLE}`);
    await db.query(`CREATE TABLE locations (
      id VARCHAR(36) NOT NULL PRIMARY KEY,
      cpo_pk INT NOT NULL,
      name VARCHAR(255) NOT NULL,
      address VARCHAR(255) NOT NULL,
      address_line_2 VARCHAR(255) NULL,
      city VARCHAR(45) NOT NULL,
      postal_code VARCHAR(10) NOT NULL,
      state VARCHAR(45) NULL,
      country VARCHAR(3) NOT NULL,
      latitude VARCHAR(16) NULL,
      longitude VARCHAR(16) NULL,
      lat DOUBLE NULL,
      lng DOUBLE NULL,
      type VARCHAR(20) NOT NULL,
      publish TINYINT(1) NOT NULL,
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
      last_updated BIGINT NOT NULL,
      KEY ix_locations_cpo_feed (cpo_pk, last_updated, id),
      KEY ix_locations_feed (last_updated, id),
      KEY ix_locations_geo (lat, lng),
      CONSTRAINT fk_locations_cpo FOREIGN KEY (cpo_pk) REFERENCES cpos (pk)
    ) ${TABLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE locations`);
    await db.query(`DROP TABLE api_token_cpos`);
    await db.query(`DROP TABLE api_tokens`);
    await db.query(`DROP TABLE cpos`);
  }
}
