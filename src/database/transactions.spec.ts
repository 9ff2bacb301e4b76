import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction, throughSqliteGate } from './transactions.js';

/**
 * The SQLite gate's order of events, on a stand-in data source (the gate never touches the
 * connection: it only decides when statements and transactions run).
 */
function sqliteStandIn(): DataSource {
  return {
    options: { type: 'better-sqlite3' },
    transaction: (work: (manager: EntityManager) => Promise<unknown>) => work({} as EntityManager),
  } as unknown as DataSource;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the SQLite gate (statements and transactions on the one connection)', () => {
  it('a statement from outside waits while a transaction is open; the transaction’s own run at once', async () => {
    const dataSource = sqliteStandIn();
    const events: string[] = [];
    const finish = deferred();
    const transaction = inTransaction(dataSource, async () => {
      events.push('begin');
      await throughSqliteGate(dataSource, async () => void events.push('own statement'));
      await finish.promise;
      events.push('end');
    });
    await tick();
    const outside = throughSqliteGate(dataSource, async () => void events.push('outside statement'));
    await tick();
    expect(events).toEqual(['begin', 'own statement']);
    finish.resolve();
    await Promise.all([transaction, outside]);
    expect(events).toEqual(['begin', 'own statement', 'end', 'outside statement']);
  });

  it('a transaction opens only after the statements already running; those arriving meanwhile wait behind it', async () => {
    const dataSource = sqliteStandIn();
    const events: string[] = [];
    const slow = deferred();
    const running = throughSqliteGate(dataSource, async () => {
      events.push('running starts');
      await slow.promise;
      events.push('running ends');
    });
    const transaction = inTransaction(dataSource, async () => void events.push('transaction'));
    await tick();
    const later = throughSqliteGate(dataSource, async () => void events.push('later statement'));
    await tick();
    expect(events).toEqual(['running starts']);
    slow.resolve();
    await Promise.all([running, transaction, later]);
    expect(events).toEqual(['running starts', 'running ends', 'transaction', 'later statement']);
  });

  it('a failed statement or transaction does not keep the gate shut', async () => {
    const dataSource = sqliteStandIn();
    await expect(throughSqliteGate(dataSource, () => Promise.reject(new Error('bad statement')))).rejects.toThrow('bad statement');
    await expect(
      inTransaction(dataSource, () => {
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expect(inTransaction(dataSource, async () => 'next')).resolves.toBe('next');
    await expect(throughSqliteGate(dataSource, async () => 'after')).resolves.toBe('after');
  });

  it('code that outlives its transaction does not pass the gate of a later one', async () => {
    const dataSource = sqliteStandIn();
    const events: string[] = [];
    let leaked: Promise<void> | undefined;
    await inTransaction(dataSource, async () => {
      // Started in the first transaction's scope, it reaches the gate after that transaction ended.
      leaked = new Promise((resolve) => setTimeout(resolve, 30)).then(() => throughSqliteGate(dataSource, async () => void events.push('leaked')));
    });
    const finish = deferred();
    const second = inTransaction(dataSource, async () => {
      events.push('second begins');
      await finish.promise;
      events.push('second ends');
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(events).toEqual(['second begins']);
    finish.resolve();
    await Promise.all([second, leaked]);
    expect(events).toEqual(['second begins', 'second ends', 'leaked']);
  });
});
