import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The format a station document was rendered in (STATION_DOCUMENT_FORMAT in
 * src/charge-stations/station-document.ts). A document is answered only while its etag is the
 * station's and its format the code's: after a deploy that changes the station answer, documents
 * of the old format are rebuilt by the read that meets them. Those stored before this column are
 * format 0, which no code renders.
 */
export class StationDocumentFormat1763950000000 implements MigrationInterface {
  name = 'StationDocumentFormat1763950000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE station_documents ADD COLUMN format_version SMALLINT NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE station_documents DROP COLUMN format_version`);
  }
}
