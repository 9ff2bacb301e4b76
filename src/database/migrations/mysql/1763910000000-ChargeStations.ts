import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Charge stations, EVSEs, connectors and the charger-reported configuration. `active_evse_id` is
 * the evse_id of a non-REMOVED EVSE, so a unique index makes evse_id unique among live EVSEs only.
 */
export class ChargeStations1763910000000 implements MigrationInterface {
  name = 'ChargeStations1763910000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE charge_stations (
      pk INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      charge_station_id VARCHAR(48) NOT NULL,
      cpo_pk INT NOT NULL,
      location_id VARCHAR(36) NOT NULL,
      deploy_state VARCHAR(12) NOT NULL,
      default_charge_station_tariff_id VARCHAR(36) NOT NULL,
      charger_type VARCHAR(12) NOT NULL,
      charge_station_template_id VARCHAR(64) NULL,
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
      tap_to_stop TINYINT(1) NULL,
      stop_on_parking TINYINT(1) NULL,
      dynamic_time_based_tariffs TINYINT(1) NULL,
      time_of_use_tariffs TINYINT(1) NULL,
      exclude_vat TINYINT(1) NULL,
      status_schedule TEXT NULL,
      auth_rules TEXT NULL,
      created_by VARCHAR(255) NOT NULL,
      modified_by VARCHAR(255) NOT NULL,
      etag VARCHAR(36) NOT NULL,
      created BIGINT NOT NULL,
      modified BIGINT NOT NULL,
      last_updated BIGINT NOT NULL,
      UNIQUE KEY uq_charge_stations_id (charge_station_id),
      KEY ix_charge_stations_feed (cpo_pk, last_updated, charge_station_id),
      KEY ix_charge_stations_modified (cpo_pk, modified, charge_station_id),
      KEY ix_charge_stations_location (location_id),
      CONSTRAINT fk_charge_stations_cpo FOREIGN KEY (cpo_pk) REFERENCES cpos (pk),
      CONSTRAINT fk_charge_stations_location FOREIGN KEY (location_id) REFERENCES locations (id)
    ) ${TABLE}`);
    await db.query(`CREATE TABLE evses (
      pk INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      station_pk INT NOT NULL,
      cpo_pk INT NOT NULL,
      uid VARCHAR(36) NOT NULL,
      evse_id VARCHAR(48) NULL,
      evse_sequence_number INT NOT NULL,
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
      active_evse_id VARCHAR(48) AS (CASE WHEN status <> 'REMOVED' THEN evse_id END) STORED,
      UNIQUE KEY uq_evses_uid (cpo_pk, uid),
      UNIQUE KEY uq_evses_active_evse_id (cpo_pk, active_evse_id),
      KEY ix_evses_station (station_pk),
      CONSTRAINT fk_evses_station FOREIGN KEY (station_pk) REFERENCES charge_stations (pk),
      CONSTRAINT fk_evses_cpo FOREIGN KEY (cpo_pk) REFERENCES cpos (pk)
    ) ${TABLE}`);
    await db.query(`CREATE TABLE connectors (
      pk INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      evse_pk INT NOT NULL,
      station_pk INT NOT NULL,
      connector_id VARCHAR(8) NOT NULL,
      standard VARCHAR(24) NOT NULL,
      format VARCHAR(8) NOT NULL,
      power_type VARCHAR(12) NOT NULL,
      voltage INT NOT NULL,
      amperage INT NOT NULL,
      max_electric_power INT NULL,
      tariff_id VARCHAR(36) NULL,
      reimbursement_tariff_id VARCHAR(36) NULL,
      terms_and_conditions VARCHAR(2048) NULL,
      last_updated BIGINT NOT NULL,
      KEY ix_connectors_station (station_pk),
      KEY ix_connectors_evse (evse_pk),
      CONSTRAINT fk_connectors_evse FOREIGN KEY (evse_pk) REFERENCES evses (pk) ON DELETE CASCADE,
      CONSTRAINT fk_connectors_station FOREIGN KEY (station_pk) REFERENCES charge_stations (pk)
    ) ${TABLE}`);
    await db.query(`CREATE TABLE station_configurations (
      station_pk INT NOT NULL PRIMARY KEY,
      heartbeat_interval INT NULL,
      charge_point_model VARCHAR(50) NULL,
      charge_point_vendor VARCHAR(50) NULL,
      charge_point_serial_number VARCHAR(50) NULL,
      charge_box_serial_number VARCHAR(50) NULL,
      firmware_version VARCHAR(50) NULL,
      iccid VARCHAR(50) NULL,
      imsi VARCHAR(50) NULL,
      meter_serial_number VARCHAR(50) NULL,
      meter_type VARCHAR(50) NULL,
      remote_manageable TINYINT(1) NOT NULL,
      protocol_version VARCHAR(12) NULL,
      connectivity_status VARCHAR(8) NOT NULL,
      client_ip_address VARCHAR(64) NULL,
      last_boot_notification BIGINT NULL,
      last_heartbeat BIGINT NULL,
      configuration_keys TEXT NULL,
      CONSTRAINT fk_station_configurations_station FOREIGN KEY (station_pk) REFERENCES charge_stations (pk)
    ) ${TABLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE station_configurations`);
    await db.query(`DROP TABLE connectors`);
    await db.query(`DROP TABLE evses`);
    await db.query(`DROP TABLE charge_stations`);
  }
}
