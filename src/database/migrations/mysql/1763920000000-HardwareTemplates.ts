import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hardware templates; their EVSE/connector structure is one JSON document, copied into stations on use. */
export class HardwareTemplates1763920000000 implements MigrationInterface {
  name = 'HardwareTemplates1763920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE hardware_templates (
      pk INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      template_id VARCHAR(64) NOT NULL,
      cpo_pk INT NOT NULL,
      name VARCHAR(255) NOT NULL,
      evse_templates TEXT NOT NULL,
      created BIGINT NOT NULL,
      last_updated BIGINT NOT NULL,
      UNIQUE KEY uq_hardware_templates_id (template_id),
      KEY ix_hardware_templates_feed (cpo_pk, last_updated, template_id),
      CONSTRAINT fk_hardware_templates_cpo FOREIGN KEY (cpo_pk) REFERENCES cpos (pk)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE hardware_templates`);
  }
}
