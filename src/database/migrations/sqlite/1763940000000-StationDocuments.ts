import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each station's answer, serialised, for list pages (src/charge-stations/station-document.ts): the
 * JSON of the station as of its `etag` as UTF-8 bytes (sent as they are), with the live parts
 * (statuses, connectivity, what the charger reports) left as holes filled at read time. Valid only
 * while `etag` equals the station's; anything else is rebuilt from the tables. No backfill: a list
 * page rebuilds what is missing. The new EVSE index covers the live statuses a page reads.
 */
export class StationDocuments1763940000000 implements MigrationInterface {
  name = 'StationDocuments1763940000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE station_documents (
      station_pk INTEGER NOT NULL PRIMARY KEY REFERENCES charge_stations (pk),
      etag VARCHAR(36) NOT NULL,
      body BLOB NOT NULL
    )`);
    await db.query(`CREATE INDEX ix_evses_station_live ON evses (station_pk, status, last_updated)`);
    await db.query(`DROP INDEX ix_evses_station`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX ix_evses_station ON evses (station_pk)`);
    await db.query(`DROP INDEX ix_evses_station_live`);
    await db.query(`DROP TABLE station_documents`);
  }
}
