import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * SQLite's one connection is every request's: a statement run while a transaction is open on it
 * runs inside that transaction, and would read what the transaction wrote before it commits (or
 * rolls back). So statements from outside the open transaction wait until it has ended, and a
 * transaction starts only once the statements running outside it have finished (a statement may
 * take several ticks through TypeORM before it reaches the connection). MariaDB needs none of this:
 * each transaction has its own connection and isolation.
 */
interface SqliteGate {
  /** The open transaction (its scope token), if any. */
  open: object | undefined;
  /** A transaction is waiting for the running statements to finish: new ones wait behind it. */
  pending: boolean;
  /** Statements from outside any transaction that are running. */
  running: number;
  /** Statements waiting for the open or pending transaction to end. */
  waiting: (() => void)[];
  /** The pending transaction, waiting for the running statements to finish. */
  drained: (() => void) | undefined;
}

const gates = new WeakMap<DataSource, SqliteGate>();
/** Which transaction the running code belongs to: its statements pass the gate. */
const transactionScope = new AsyncLocalStorage<object>();

function gateOf(dataSource: DataSource): SqliteGate {
  let gate = gates.get(dataSource);
  if (!gate) {
    gate = { open: undefined, pending: false, running: 0, waiting: [], drained: undefined };
    gates.set(dataSource, gate);
  }
  return gate;
}

/**
 * Runs one statement on SQLite's connection through the gate (see SqliteGate): at once inside the
 * open transaction's own code, otherwise when no transaction is open or about to open.
 */
export function throughSqliteGate<T>(dataSource: DataSource, statement: () => Promise<T>): Promise<T> {
  const gate = gateOf(dataSource);
  if (gate.open !== undefined && transactionScope.getStore() === gate.open) return statement();
  if (gate.open !== undefined || gate.pending) {
    return new Promise<void>((resolve) => gate.waiting.push(resolve)).then(() => throughSqliteGate(dataSource, statement));
  }
  gate.running++;
  let result: Promise<T>;
  try {
    result = statement();
  } catch (error) {
    result = Promise.reject(error as Error);
  }
  return result.finally(() => {
    gate.running--;
    if (gate.running === 0) gate.drained?.();
  });
}

/** Opens a transaction on SQLite's connection: after the statements running outside it, in its own scope. */
async function inSqliteGate<T>(dataSource: DataSource, transaction: () => Promise<T>): Promise<T> {
  const gate = gateOf(dataSource);
  gate.pending = true;
  if (gate.running > 0) await new Promise<void>((resolve) => (gate.drained = resolve));
  gate.drained = undefined;
  gate.pending = false;
  const token = {};
  gate.open = token;
  try {
    return await transactionScope.run(token, transaction);
  } finally {
    gate.open = undefined;
    for (const wake of gate.waiting.splice(0)) wake();
  }
}

/**
 * Puts every statement TypeORM runs on this SQLite data source through the gate (its driver has one
 * query runner, shared by transactions and everything else). Nothing to do on MySQL.
 */
export function gateSqliteStatements(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const runner: QueryRunner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) => throughSqliteGate(dataSource, () => query(...args))) as QueryRunner['query'];
}

/** InnoDB picks a deadlock victim or times out a lock wait; the whole transaction may simply run again. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const ATTEMPTS = 4;

function retryable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return RETRYABLE.has(e?.driverError?.code ?? e?.code ?? '');
}

/**
 * Runs `work` in one database transaction. The embedded SQLite database has a single connection,
 * so its transactions are queued one after another (two would otherwise interleave on that
 * connection), and other statements wait while one is open (see SqliteGate); MySQL runs them side
 * by side on pooled connections and runs one again when InnoDB chose it as a deadlock victim.
 * Every write goes through here.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') {
    for (let attempt = 1; ; attempt++) {
      try {
        return await dataSource.transaction(work);
      } catch (error) {
        if (!retryable(error) || attempt >= ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
      }
    }
  }
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(() => inSqliteGate(dataSource, () => dataSource.transaction(work)));
  sqliteQueues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Runs one statement that needs no transaction of its own (a single UPDATE is atomic) in the
 * order of the transactions above: on SQLite after the queued ones (otherwise it would run inside
 * whichever transaction is open on the one connection, and vanish with its rollback), on MySQL at
 * once.
 */
export function outsideTransactions<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return work();
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(work);
  sqliteQueues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}
