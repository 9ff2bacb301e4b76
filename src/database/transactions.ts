import type { DataSource, EntityManager } from 'typeorm';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

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
 * connection); MySQL runs them side by side on pooled connections and runs one again when InnoDB
 * chose it as a deadlock victim. Every write goes through here.
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
  const run = previous.then(() => dataSource.transaction(work));
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
