import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The JSON columns (arrays and objects of a write body, stored as text) become MEDIUMTEXT. As TEXT
 * they held 64 KiB: a valid body with a long array (20,000 facilities, 200 directions of 500
 * characters, a template of 600 EVSEs) failed with "Data too long for column" and answered 500.
 * MEDIUMTEXT holds 16 MiB, as much as the station document that repeats them (MEDIUMBLOB) and far
 * more than a request body may carry (BODY_LIMIT_BYTES, 1 MiB by default). SQLite's TEXT has no
 * such limit: nothing changes there.
 */
const JSON_COLUMNS: Record<string, string[]> = {
  locations: ['directions', 'facilities', 'opening_times', 'auth_rules', 'energy_mix', 'custom_groups', 'customised_fields'],
  charge_stations: ['default_charge_station_directions', 'status_schedule', 'auth_rules'],
  evses: ['status_schedule', 'capabilities', 'images', 'directions', 'parking_restrictions'],
  station_configurations: ['configuration_keys'],
};

export class WideJsonColumns1763955000000 implements MigrationInterface {
  name = 'WideJsonColumns1763955000000';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, columns] of Object.entries(JSON_COLUMNS)) {
      await db.query(`ALTER TABLE ${table} ${columns.map((column) => `MODIFY ${column} MEDIUMTEXT NULL`).join(', ')}`);
    }
    await db.query(`ALTER TABLE hardware_templates MODIFY evse_templates MEDIUMTEXT NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE hardware_templates MODIFY evse_templates TEXT NOT NULL`);
    for (const [table, columns] of Object.entries(JSON_COLUMNS)) {
      await db.query(`ALTER TABLE ${table} ${columns.map((column) => `MODIFY ${column} TEXT NULL`).join(', ')}`);
    }
  }
}
