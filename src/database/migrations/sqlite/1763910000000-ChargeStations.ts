import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Charge stations, EVSEs, connectors and the charger-reported configuration. `active_evse_id` is
 * the evse_id of a non-REMOVED EVSE, so a unique index makes evse_id unique among live EVSEs only.
 */
export class ChargeStations1763910000000 implements MigrationInterface {
  name = 'ChargeStations1763910000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE charge_stations (
      pk INTEGER PRIMARY KEY AUTOINCREMENT,
      charge_station_id VARCHAR(48) NOT NULL COLLATE NOCASE,
      cpo_pk INTEGER NOT NULL REFERENCES cpos (pk),
      location_id VARCHAR(36) NOT NULL COLLATE NOCASE REFERENCES locations (id),
      deploy_state VARCHAR(12) NOT NULL,
      default_charge_station_tariff_id VARCHAR(36) NOT NULL,
      charger_type VARCHAR(12) NOT NULL,
      charge_station_template_id VARCHAR(64) NULL COLLATE NOCASE,
      name VARCHAR(255) NULL,
      remarks TEXT NULL,
      maintenance_info TEXT NULL,
      installation_date BIGINT NULL,
      default_charge_station_reimbursement_tariff_id VARCHAR(36) NULL,
      default_charge_station_directions TEXT NULL,
      default_charge_station_floor_level VARCHAR(4) NULL,
      contactless_type VARCHAR(8) NULL,
      contactless_terminal_serial_number VARCHAR(255) NULL,
      contactless_terminal_auth_amount DOUBLE NULL,
      tap_to_stop BOOLEAN NULL,
      stop_on_parking BOOLEAN NULL,
      dynamic_time_based_tariffs BOOLEAN NULL,
      time_of_use_tariffs BOOLEAN NULL,
      exclude_vat BOOLEAN NULL,
      status_schedule TEXT NULL,
      auth_rules TEXT NULL,
      created_by VARCHAR(255) NOT NULL,
      modified_by VARCHAR(255) NOT NULL,
      etag VARCHAR(36) NOT NULL,
      created BIGINT NOT NULL,
      modified BIGINT NOT NULL,
      last_updated BIGINT NOT NULL,
      CONSTRAINT uq_charge_stations_id UNIQUE (charge_station_id)
    )`);
    await db.query(`CREATE INDEX ix_charge_stations_feed ON charge_stations (cpo_pk, last_updated, charge_station_id)`);
    await db.query(`CREATE INDEX ix_charge_stations_modified ON charge_stations (cpo_pk, modified, charge_station_id)`);
    await db.query(`CREATE INDEX ix_charge_stations_location ON charge_stations (location_id)`);
    await db.query(`CREATE TABLE evses (
      pk INTEGER PRIMARY KEY AUTOINCREMENT,
      station_pk INTEGER NOT NULL REFERENCES charge_stations (pk),
      cpo_pk INTEGER NOT NULL REFERENCES cpos (pk),
      uid VARCHAR(36) NOT NULL COLLATE NOCASE,
      evse_id VARCHAR(48) NULL COLLATE NOCASE,
      evse_sequence_number INTEGER NOT NULL,
      status VARCHAR(12) NOT NULL,
      status_schedule TEXT NULL,
      capabilities TEXT NULL,
      floor_level VARCHAR(4) NULL,
      physical_reference VARCHAR(16) NULL,
      latitude VARCHAR(16) NULL,
      longitude VARCHAR(16) NULL,
      images TEXT NULL,
      directions TEXT NULL,
      parking_restrictions TEXT NULL,
      last_updated BIGINT NOT NULL,
      active_evse_id VARCHAR(48) GENERATED ALWAYS AS (CASE WHEN status <> 'REMOVED' THEN evse_id END) VIRTUAL,
      CONSTRAINT uq_evses_uid UNIQUE (cpo_pk, uid)
    )`);
    await db.query(`CREATE UNIQUE INDEX uq_evses_active_evse_id ON evses (cpo_pk, active_evse_id)`);
    await db.query(`CREATE INDEX ix_evses_station ON evses (station_pk)`);
    await db.query(`CREATE TABLE connectors (
      pk INTEGER PRIMARY KEY AUTOINCREMENT,
      evse_pk INTEGER NOT NULL REFERENCES evses (pk) ON DELETE CASCADE,
      station_pk INTEGER NOT NULL REFERENCES charge_stations (pk),
      connector_id VARCHAR(8) NOT NULL,
      standard VARCHAR(24) NOT NULL,
      format VARCHAR(8) NOT NULL,
      power_type VARCHAR(12) NOT NULL,
      voltage INTEGER NOT NULL,
      amperage INTEGER NOT NULL,
      max_electric_power INTEGER NULL,
      tariff_id VARCHAR(36) NULL,
      reimbursement_tariff_id VARCHAR(36) NULL,
      terms_and_conditions VARCHAR(2048) NULL,
      last_updated BIGINT NOT NULL
    )`);
    await db.query(`CREATE INDEX ix_connectors_station ON connectors (station_pk)`);
    await db.query(`CREATE INDEX ix_connectors_evse ON connectors (evse_pk)`);
    await db.query(`CREATE TABLE station_configurations (
      station_pk INTEGER NOT NULL PRIMARY KEY REFERENCES charge_stations (pk),
      heartbeat_interval INTEGER NULL,
      charge_point_model VARCHAR(50) NULL,
      charge_point_vendor VARCHAR(50) NULL,
      charge_point_serial_number VARCHAR(50) NULL,
      charge_box_serial_number VARCHAR(50) NULL,
      firmware_version VARCHAR(50) NULL,
      iccid VARCHAR(50) NULL,
      imsi VARCHAR(50) NULL,
      meter_serial_number VARCHAR(50) NULL,
      meter_type VARCHAR(50) NULL,
      remote_manageable BOOLEAN NOT NULL,
      protocol_version VARCHAR(12) NULL,
      connectivity_status VARCHAR(8) NOT NULL,
      client_ip_address VARCHAR(64) NULL,
      last_boot_notification BIGINT NULL,
      last_heartbeat BIGINT NULL,
      configuration_keys TEXT NULL
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE station_configurations`);
    await db.query(`DROP TABLE connectors`);
    await db.query(`DROP TABLE evses`);
    await db.query(`DROP TABLE charge_stations`);
  }
}
