import type { DataSource, EntityManager } from 'typeorm';

type Row = Record<string, unknown>;

interface MysqlPool {
  execute(sql: string, values: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
}

interface SqliteDatabase {
  prepare(sql: string): { all(...values: unknown[]): unknown[] };
}

type Reader = (sql: string, parameters: unknown[]) => Promise<Row[]>;

const readers = new WeakMap<DataSource, Reader>();

/**
 * The read path of the hot requests: one hand-written SELECT as a prepared statement, straight on
 * the driver. MySQL/MariaDB: `execute()` on mysql2's pool (binary protocol; mysql2 keeps the
 * statement prepared per connection), with its callback API. SQLite: a cached better-sqlite3
 * statement. TypeORM's query runner, its SQL formatter and its result transformer are skipped; the
 * caller hydrates rows with the entity metadata. Every statement is still reported to TypeORM's
 * logger, so logging and the query-count guards of the tests see it.
 *
 * Only for reads outside a transaction: inside one, use the transaction's manager (`manager.query`).
 */
function readerFor(dataSource: DataSource): Reader {
  let reader = readers.get(dataSource);
  if (reader) return reader;
  const driver = dataSource.driver as unknown as { pool?: MysqlPool; databaseConnection?: SqliteDatabase };
  if (dataSource.options.type === 'mysql' && driver.pool) {
    const pool = driver.pool;
    reader = (sql, parameters) =>
      new Promise((resolve, reject) => {
        dataSource.logger.logQuery(sql, parameters);
        pool.execute(sql, parameters, (error, rows) => (error ? reject(withQuery(error, sql)) : resolve(rows as Row[])));
      });
  } else if (dataSource.options.type === 'better-sqlite3' && driver.databaseConnection) {
    const db = driver.databaseConnection;
    const statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
    reader = (sql, parameters) => {
      dataSource.logger.logQuery(sql, parameters);
      try {
        let statement = statements.get(sql);
        if (!statement) {
          statement = db.prepare(sql);
          if (statements.size < 500) statements.set(sql, statement);
        }
        return Promise.resolve(statement.all(...parameters) as Row[]);
      } catch (error) {
        return Promise.reject(withQuery(error as Error, sql));
      }
    };
  } else {
    reader = (sql, parameters) => dataSource.query(sql, parameters);
  }
  readers.set(dataSource, reader);
  return reader;
}

/** Logged with the error (never sent to a client): which statement failed. */
function withQuery(error: Error, sql: string): Error {
  Object.defineProperty(error, 'query', { value: sql, enumerable: false });
  return error;
}

/**
 * Runs a SELECT. With the data source's own manager it is a prepared statement on the driver (see
 * readerFor); with a transaction's manager it runs on that transaction's connection.
 */
export function select(manager: EntityManager, sql: string, parameters: unknown[]): Promise<Row[]> {
  if (manager.queryRunner) return manager.query(sql, parameters);
  return readerFor(manager.connection)(sql, parameters);
}
