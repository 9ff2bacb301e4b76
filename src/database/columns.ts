import type { ValueTransformer } from 'typeorm';

/**
 * Timestamps are stored as BIGINT epoch milliseconds on both databases: exact to the millisecond,
 * free of server time-zone settings, and compared the same way by SQLite and MySQL.
 * mysql2 hands BIGINT back as a string, SQLite as a number; both become a number here.
 */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};
