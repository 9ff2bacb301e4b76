import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { outsideTransactions, throughSqliteGate } from './transactions.js';

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

/** Statements run straight on the driver, for one data source. */
interface Direct {
  /** A SELECT; resolves with its rows. */
  read(sql: string, parameters: unknown[]): Promise<Row[]>;
  /** A SELECT with its values written into the statement (see selectInlined). */
  readInlined(sql: string, parameters: unknown[]): Promise<Row[]>;
  /** One data-changing statement; resolves with the number of rows it changed. */
  write(sql: string, parameters: unknown[]): Promise<number>;
}

const directs = new WeakMap<DataSource, Direct>();

/**
 * The hot requests' statements straight on the driver, skipping TypeORM's query runner, its SQL
 * formatter and its result transformer (callers hydrate rows with the entity metadata). Each
 * statement is still reported to TypeORM's logger, so logging and the query-count guards of the
 * tests see it.
 * - MySQL/MariaDB: reads as `execute()` on mysql2's pool (binary protocol; mysql2 keeps the
 *   statement prepared per connection), writes as `query()` (text protocol, so UPDATEs whose column
 *   lists vary do not pile up as prepared statements on the server); callback API, no promise
 *   wrapper. Outside transactions only (see select and updateIfEtagMatches).
 * - SQLite: cached better-sqlite3 statements (bounded: past the bound they are prepared each time).
 *   Its one connection is also every transaction's, so they serve inside transactions too.
 */
function directFor(dataSource: DataSource): Direct {
  let direct = directs.get(dataSource);
  if (direct) return direct;
  const driver = dataSource.driver as unknown as { pool?: MysqlPool; databaseConnection?: SqliteDatabase };
  const log = (sql: string, parameters: unknown[]) => dataSource.logger.logQuery(sql, parameters);
  if (dataSource.options.type === 'mysql' && driver.pool) {
    const pool = driver.pool;
    const call = <T>(method: 'execute' | 'query', sql: string, parameters: unknown[], result: (raw: unknown) => T) =>
      new Promise<T>((resolve, reject) => {
        log(sql, parameters);
        pool[method](sql, parameters, (error, raw) => (error ? reject(withQuery(error, sql)) : resolve(result(raw))));
      });
    direct = {
      read: (sql, parameters) => call('execute', sql, parameters, (raw) => raw as Row[]),
      readInlined: (sql, parameters) => call('query', sql, parameters, (raw) => raw as Row[]),
      write: (sql, parameters) => call('query', sql, parameters, (raw) => (raw as { affectedRows: number }).affectedRows),
    };
  } else if (isSqlite(dataSource) && driver.databaseConnection) {
    const db = driver.databaseConnection;
    const statements = new Map<string, SqliteStatement>();
    const run = <T>(sql: string, parameters: unknown[], use: (statement: SqliteStatement) => T): Promise<T> => {
      log(sql, parameters);
      try {
        let statement = statements.get(sql);
        if (!statement) {
          statement = db.prepare(sql);
          if (statements.size < 500) statements.set(sql, statement);
        }
        return Promise.resolve(use(statement));
      } catch (error) {
        return Promise.reject(withQuery(error as Error, sql));
      }
    };
    // Through the gate: not inside another request's open transaction (see throughSqliteGate).
    const read = (sql: string, parameters: unknown[]) => throughSqliteGate(dataSource, () => run(sql, parameters, (statement) => statement.all(...parameters) as Row[]));
    direct = {
      read,
      readInlined: read,
      write: (sql, parameters) => throughSqliteGate(dataSource, () => run(sql, parameters, (statement) => statement.run(...parameters).changes)),
    };
  } else {
    throw new Error(`no direct statements for ${dataSource.options.type}`);
  }
  directs.set(dataSource, direct);
  return direct;
}

/**
 * `UPDATE <table> SET … WHERE …` of entity properties (converted as TypeORM converts them: the
 * driver's persistence conversion and the columns' transformers), run as `change` runs statements.
 * Resolves with the number of rows changed.
 */
export function updateColumns<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  set: Record<string, unknown>,
  where: Record<string, unknown>,
): Promise<number> {
  const dataSource = manager.connection;
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
  return change(manager, `UPDATE ${metadata.tableName} SET ${columns} WHERE ${conditions}`, parameters);
}

/** Logged with the error (never sent to a client): which statement failed. */
function withQuery(error: Error, sql: string): Error {
  Object.defineProperty(error, 'query', { value: sql, enumerable: false });
  return error;
}

/**
 * Runs a SELECT. With the data source's own manager it is a prepared statement on the driver (see
 * directFor); with a transaction's manager it runs on that transaction's connection (on SQLite the
 * one connection, so again a cached statement).
 */
export function select(manager: EntityManager, sql: string, parameters: unknown[]): Promise<Row[]> {
  if (manager.queryRunner && !isSqlite(manager.connection)) return manager.query(sql, parameters);
  return directFor(manager.connection).read(sql, parameters);
}

/**
 * Runs a SELECT on the driver with its values written into the statement text (MySQL's text
 * protocol; on SQLite a cached statement as for select). For the keyset query of list pages: as a
 * prepared statement with bound values MariaDB spent many times the CPU on it (bound values are
 * typed as the driver guesses, a JS number as a DOUBLE, and the index is then not read as a narrow
 * range). Figures: bench/ANALYSIS.md, "Measured reasons in the code".
 */
export function selectInlined(manager: EntityManager, sql: string, parameters: unknown[]): Promise<Row[]> {
  if (manager.queryRunner && !isSqlite(manager.connection)) return manager.query(sql, parameters);
  return directFor(manager.connection).readInlined(sql, parameters);
}

/**
 * Runs one data-changing statement: inside the transaction of `manager` when it is a transaction's
 * (on SQLite its one connection, so a cached statement), otherwise as one direct statement on the
 * driver, on SQLite after the queued transactions (see outsideTransactions: it would otherwise run
 * inside whichever transaction is open on the one connection). Resolves with the rows changed.
 */
export async function change(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  const dataSource = manager.connection;
  if (manager.queryRunner && !isSqlite(dataSource)) return (await manager.query<{ affectedRows: number }>(sql, parameters)).affectedRows;
  if (manager.queryRunner) return directFor(dataSource).write(sql, parameters);
  return outsideTransactions(dataSource, () => directFor(dataSource).write(sql, parameters));
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
