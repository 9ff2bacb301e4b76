import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A station's stored answer (see station-document.ts): written with every write of the station by
 * ChargeStationRepository, read by the read model's statements. Used only while `etag` is the
 * station's and `formatVersion` the code's (STATION_DOCUMENT_FORMAT); anything else is rebuilt.
 */
@Entity({ name: 'station_documents' })
export class StationDocumentRow {
  @PrimaryColumn({ name: 'station_pk', type: 'integer' })
  stationPk: number;

  @Column({ type: 'varchar', length: 36 })
  etag: string;

  @Column({ name: 'format_version', type: 'smallint', default: 0 })
  formatVersion: number;

  /** The answer's JSON as UTF-8 with its holes (MEDIUMBLOB on MySQL, BLOB on SQLite). */
  @Column({ type: 'blob' })
  body: Buffer;
}
