import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

type Row = Record<string, unknown>;

interface MysqlPool {
  execute(sql: string, values: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
  query(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

interface SqliteStatement {
  all(...values: unknown[]): unknown[];
  run(...values: unknown[]): { changes: number };
}

interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

type Reader = (sql: string, parameters: unknown[]) => Promise<Row[]>;
type Writer = (sql: string, parameters: unknown[]) => Promise<number>;

const readers = new WeakMap<DataSource, Reader>();
const writers = new WeakMap<DataSource, Writer>();

/** better-sqlite3 statements by SQL text (bounded: past the bound statements are prepared each time). */
function sqliteStatements(db: SqliteDatabase): (sql: string) => SqliteStatement {
  const statements = new Map<string, SqliteStatement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size < 500) statements.set(sql, statement);
    }
    return statement;
  };
}

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
    const prepare = sqliteStatements(driver.databaseConnection);
    reader = (sql, parameters) => {
      dataSource.logger.logQuery(sql, parameters);
      try {
        return Promise.resolve(prepare(sql).all(...parameters) as Row[]);
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

/**
 * The write counterpart for single statements outside a transaction (one UPDATE is atomic on its
 * own), and on SQLite also inside one (its one connection): MySQL through mysql2's `query()` on the pool (text protocol, so statements whose column
 * lists vary do not pile up as prepared statements on the server), SQLite through a cached
 * statement. Resolves with the number of rows changed.
 */
function writerFor(dataSource: DataSource): Writer {
  let writer = writers.get(dataSource);
  if (writer) return writer;
  const driver = dataSource.driver as unknown as { pool?: MysqlPool; databaseConnection?: SqliteDatabase };
  if (dataSource.options.type === 'mysql' && driver.pool) {
    const pool = driver.pool;
    writer = (sql, parameters) =>
      new Promise((resolve, reject) => {
        dataSource.logger.logQuery(sql, parameters);
        pool.query(sql, parameters, (error, result) =>
          error ? reject(withQuery(error, sql)) : resolve((result as { affectedRows: number }).affectedRows),
        );
      });
  } else if (dataSource.options.type === 'better-sqlite3' && driver.databaseConnection) {
    const prepare = sqliteStatements(driver.databaseConnection);
    writer = (sql, parameters) => {
      dataSource.logger.logQuery(sql, parameters);
      try {
        return Promise.resolve(prepare(sql).run(...parameters).changes);
      } catch (error) {
        return Promise.reject(withQuery(error as Error, sql));
      }
    };
  } else {
    throw new Error(`no direct write path for ${dataSource.options.type}`);
  }
  writers.set(dataSource, writer);
  return writer;
}

/**
 * `UPDATE <table> SET … WHERE …` of entity properties (converted as TypeORM converts them: the
 * driver's persistence conversion and the columns' transformers), as one statement outside any
 * transaction. Resolves with the number of rows changed.
 */
export function updateColumns<E extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<E>,
  set: Record<string, unknown>,
  where: Record<string, unknown>,
): Promise<number> {
  const metadata = dataSource.getMetadata(target);
  const parameters: unknown[] = [];
  const assign = (entries: [string, unknown][]) =>
    entries.map(([property, value]) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name} has no column ${property}`);
      parameters.push(dataSource.driver.preparePersistentValue(value, column));
      return `${column.databaseName} = ?`;
    });
  const columns = assign(Object.entries(set)).join(', ');
  const conditions = assign(Object.entries(where)).join(' AND ');
  return writerFor(dataSource)(`UPDATE ${metadata.tableName} SET ${columns} WHERE ${conditions}`, parameters);
}

/** Logged with the error (never sent to a client): which statement failed. */
function withQuery(error: Error, sql: string): Error {
  Object.defineProperty(error, 'query', { value: sql, enumerable: false });
  return error;
}

/**
 * Runs a SELECT. With the data source's own manager it is a prepared statement on the driver (see
 * readerFor); with a transaction's manager it runs on that transaction's connection (on SQLite the
 * one connection, so again a cached statement).
 */
export function select(manager: EntityManager, sql: string, parameters: unknown[]): Promise<Row[]> {
  if (manager.queryRunner && !isSqlite(manager.connection)) return manager.query(sql, parameters);
  return readerFor(manager.connection)(sql, parameters);
}

/**
 * SQLite has one connection, so a transaction's statements and everyone else's run on the same one:
 * the cached statements serve inside transactions too. (TypeORM prepares every statement anew, and
 * each holds native memory until V8 collects it: under a burst of writes that alone grew the RSS
 * by tens of MB.)
 */
export function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}
