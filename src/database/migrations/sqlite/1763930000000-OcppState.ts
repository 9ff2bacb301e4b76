import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the OCPP gateway keeps: each connector's last StatusNotification, and when a charger last
 * sent anything (connectivity is Online only while that is recent). Every station has a
 * configuration row from now on (created with the station).
 */
export class OcppState1763930000000 implements MigrationInterface {
  name = 'OcppState1763930000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE connectors ADD COLUMN ocpp_status VARCHAR(16) NULL`);
    await db.query(`ALTER TABLE connectors ADD COLUMN ocpp_error_code VARCHAR(32) NULL`);
    await db.query(`ALTER TABLE connectors ADD COLUMN ocpp_info VARCHAR(64) NULL`);
    await db.query(`ALTER TABLE connectors ADD COLUMN ocpp_status_at BIGINT NULL`);
    await db.query(`ALTER TABLE station_configurations ADD COLUMN last_seen BIGINT NULL`);
    // Every station gets its configuration row up front, so the gateway only ever updates rows.
    await db.query(
      `INSERT INTO station_configurations (station_pk, remote_manageable, connectivity_status)
       SELECT pk, 0, 'Offline' FROM charge_stations WHERE pk NOT IN (SELECT station_pk FROM station_configurations)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE station_configurations DROP COLUMN last_seen`);
    for (const column of ['ocpp_status_at', 'ocpp_info', 'ocpp_error_code', 'ocpp_status']) {
      await db.query(`ALTER TABLE connectors DROP COLUMN ${column}`);
    }
  }
}
