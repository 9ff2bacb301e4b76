import { Column, type ValueTransformer } from 'typeorm';

/**
 * Timestamps are stored as BIGINT epoch milliseconds on both databases: exact to the millisecond,
 * free of server time-zone settings, and compared the same way by SQLite and MySQL.
 * mysql2 hands BIGINT back as a string, SQLite as a number; both become a number here.
 */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/**
 * The columns every versioned object (location, charge station) keeps about its versions (SPEC §2
 * etags, §1 change semantics): who created and last modified it, its etag, when it was created and
 * modified, and `last_updated`, the key of the change feed.
 */
export abstract class VersionedColumns {
  @Column({ name: 'created_by', type: 'varchar', length: 255 })
  createdBy: string;

  @Column({ name: 'modified_by', type: 'varchar', length: 255 })
  modifiedBy: string;

  @Column({ type: 'varchar', length: 36 })
  etag: string;

  @Column({ type: 'bigint', transformer: epochMs })
  created: number;

  @Column({ type: 'bigint', transformer: epochMs })
  modified: number;

  @Column({ name: 'last_updated', type: 'bigint', transformer: epochMs })
  lastUpdated: number;
}
