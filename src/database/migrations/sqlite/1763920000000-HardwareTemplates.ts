import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hardware templates; their EVSE/connector structure is one JSON document, copied into stations on use. */
export class HardwareTemplates1763920000000 implements MigrationInterface {
  name = 'HardwareTemplates1763920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE hardware_templates (
      pk INTEGER PRIMARY KEY AUTOINCREMENT,
      template_id VARCHAR(64) NOT NULL COLLATE NOCASE,
      cpo_pk INTEGER NOT NULL REFERENCES cpos (pk),
      name VARCHAR(255) NOT NULL,
      evse_templates TEXT NOT NULL,
      created BIGINT NOT NULL,
      last_updated BIGINT NOT NULL,
      CONSTRAINT uq_hardware_templates_id UNIQUE (template_id)
    )`);
    await db.query(`CREATE INDEX ix_hardware_templates_feed ON hardware_templates (cpo_pk, last_updated, template_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE hardware_templates`);
  }
}
