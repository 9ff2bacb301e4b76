import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { formatTimestamp } from '../common/time.js';
import { change, isSqlite, select } from '../database/prepared.js';
import { inTransaction } from '../database/transactions.js';
import { type EventType, type NewEvent, newEventId, type PublishedEvent } from './event-types.js';

/** An event as the feed and webhooks send it: its JSON, and what lists need around it. */
export interface StoredEvent {
  pk: number;
  id: string;
  type: EventType;
  cpoPk: number;
  sequence: number;
  /** `{"id":…,"type":…,"timestamp":…,"cpo_id":…,"sequence":…,"data":…}`, exactly as sent. */
  json: string;
}

/** Acts on events in the transaction that publishes them (webhook fan-out, OCPI push). */
export type PublicationSubscriber = (manager: EntityManager, events: PublishedEvent[]) => Promise<void>;

const placeholders = (count: number) => Array(count).fill('?').join(', ');
const EVENT_COLUMNS = 'e.pk, e.id, e.type, e.cpo_pk, e.sequence, e.occurred_at, e.data, c.cpo_id';

/**
 * The events of SPEC §10: appended by the repositories that write the changes, in their
 * transactions (the transactional outbox); published (given their feed position) by one transaction
 * at a time; read as a feed; pruned after the retention period.
 */
@Injectable()
export class EventRepository {
  private readonly committedListeners = new Set<() => void>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one database transaction (inTransaction) with the events it emits appended in
   * that transaction, last; once it has committed with events, the publisher is told (so they are
   * published at once instead of at its next look). Every write that causes events goes through
   * here. A transaction run again (a deadlock victim) emits afresh.
   */
  async transaction<T>(work: (manager: EntityManager, emit: (event: NewEvent) => string) => Promise<T>): Promise<T> {
    const pending: { id: string; event: NewEvent }[] = [];
    const result = await inTransaction(this.dataSource, async (manager) => {
      pending.length = 0;
      const value = await work(manager, (event) => {
        const id = newEventId(event.occurredAt);
        pending.push({ id, event });
        return id;
      });
      await this.append(manager, pending);
      return value;
    });
    if (pending.length) for (const listener of this.committedListeners) listener();
    return result;
  }

  /** Called after every transaction that committed events (EventPublisher). */
  onCommitted(listener: () => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  /**
   * Writes events in the transaction of `manager`, the change's: a committed change has its events,
   * a rolled-back one has none. One statement for any number.
   */
  private async append(manager: EntityManager, events: { id: string; event: NewEvent }[]): Promise<void> {
    if (events.length === 0) return;
    await change(
      manager,
      `INSERT INTO events (id, cpo_pk, type, sequence, occurred_at, target_endpoint_pk, data) VALUES ${events.map(() => '(?, ?, ?, NULL, ?, ?, ?)').join(', ')}`,
      events.flatMap(({ id, event: e }) => [id, e.cpoPk, e.type, e.occurredAt, e.targetEndpointPk ?? null, JSON.stringify(e.data)]),
    );
  }

  /** Whether a committed event waits for publication (one index read, no lock). */
  async hasUnpublished(): Promise<boolean> {
    return (await select(this.dataSource.manager, 'SELECT pk FROM events WHERE sequence IS NULL LIMIT 1', [])).length > 0;
  }

  /**
   * Gives up to `limit` committed, unpublished events their feed position and hands them to
   * `subscriber`, all in one transaction that holds the one event_publication row (so one publisher
   * at a time, across processes). Events are published in the order they were written among those
   * committed by then; an event whose transaction commits later gets a later position, so a reader
   * who has seen position N never misses an event that appears afterwards (it will be above N).
   * Positions are the event's pk where that is above every position given so far, else shifted up:
   * increasing, unique, not contiguous. Returns how many were published.
   */
  publish(limit: number, subscriber: PublicationSubscriber): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const lock = isSqlite(this.dataSource) ? '' : ' FOR UPDATE';
      const [state] = await manager.query(`SELECT last_sequence FROM event_publication WHERE id = 1${lock}`);
      const last = Number(state.last_sequence);
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT pk, id, type, cpo_pk, occurred_at, target_endpoint_pk FROM events WHERE sequence IS NULL ORDER BY pk LIMIT ${Math.floor(limit)}`,
      );
      if (rows.length === 0) return 0;
      const pks = rows.map((row) => Number(row.pk));
      const shift = Math.max(0, last - pks[0] + 1);
      await manager.query(`UPDATE events SET sequence = pk + ? WHERE pk IN (${placeholders(pks.length)})`, [shift, ...pks]);
      await manager.query(`UPDATE event_publication SET last_sequence = ? WHERE id = 1`, [pks[pks.length - 1] + shift]);
      await subscriber(
        manager,
        rows.map((row, i) => ({
          pk: pks[i],
          id: String(row.id),
          type: row.type as EventType,
          cpoPk: Number(row.cpo_pk),
          sequence: pks[i] + shift,
          occurredAt: Number(row.occurred_at),
          targetEndpointPk: row.target_endpoint_pk == null ? null : Number(row.target_endpoint_pk),
        })),
      );
      return rows.length;
    });
  }

  /**
   * The feed (SPEC §10): published events of these CPOs after `after`, in `sequence` order, at most
   * `limit` (one more is read to tell whether more remain). `webhook.test` events are never listed.
   */
  async feed(cpoPks: number[], after: number, types: EventType[] | undefined, limit: number): Promise<StoredEvent[]> {
    if (cpoPks.length === 0) return [];
    const typeFilter = types?.length ? ` AND e.type IN (${placeholders(types.length)})` : '';
    const rows = await select(
      this.dataSource.manager,
      `SELECT ${EVENT_COLUMNS} FROM events e JOIN cpos c ON c.pk = e.cpo_pk
       WHERE e.cpo_pk IN (${placeholders(cpoPks.length)}) AND e.sequence > ? AND e.type <> 'webhook.test'${typeFilter}
       ORDER BY e.sequence LIMIT ${Math.floor(limit) + 1}`,
      [...cpoPks, after, ...(types ?? [])],
    );
    return rows.map(storedEvent);
  }

  /** How many published events of these CPOs (of these types) there are: the feed's `X-Total-Count`. */
  async count(cpoPks: number[], types: EventType[] | undefined): Promise<number> {
    if (cpoPks.length === 0) return 0;
    const typeFilter = types?.length ? ` AND type IN (${placeholders(types.length)})` : '';
    const [row] = await select(
      this.dataSource.manager,
      `SELECT COUNT(*) AS n FROM events WHERE cpo_pk IN (${placeholders(cpoPks.length)}) AND sequence IS NOT NULL AND type <> 'webhook.test'${typeFilter}`,
      [...cpoPks, ...(types ?? [])],
    );
    return Number(row.n);
  }

  /** One published event of these CPOs by its id. */
  async byId(cpoPks: number[], id: string): Promise<StoredEvent | undefined> {
    if (cpoPks.length === 0) return undefined;
    const [row] = await select(
      this.dataSource.manager,
      `SELECT ${EVENT_COLUMNS} FROM events e JOIN cpos c ON c.pk = e.cpo_pk
       WHERE e.id = ? AND e.cpo_pk IN (${placeholders(cpoPks.length)}) AND e.sequence IS NOT NULL AND e.type <> 'webhook.test'`,
      [id, ...cpoPks],
    );
    return row && storedEvent(row);
  }

  /** Published events by pk (in any order), as sent. */
  async byPks(pks: number[]): Promise<Map<number, StoredEvent>> {
    if (pks.length === 0) return new Map();
    const rows = await select(
      this.dataSource.manager,
      `SELECT ${EVENT_COLUMNS} FROM events e JOIN cpos c ON c.pk = e.cpo_pk WHERE e.pk IN (${placeholders(pks.length)}) AND e.sequence IS NOT NULL`,
      pks,
    );
    return new Map(rows.map((row) => [Number(row.pk), storedEvent(row)]));
  }

  /**
   * Published events of one CPO that happened at or after `since`, of these types (all when
   * undefined), by pk, for a replay: at most `limit` after `afterPk`.
   */
  async since(cpoPk: number, since: number, types: EventType[] | undefined, afterPk: number, limit: number): Promise<PublishedEvent[]> {
    const typeFilter = types?.length ? ` AND type IN (${placeholders(types.length)})` : '';
    const rows = await select(
      this.dataSource.manager,
      `SELECT pk, id, type, cpo_pk, sequence, occurred_at FROM events
       WHERE cpo_pk = ? AND occurred_at >= ? AND pk > ? AND sequence IS NOT NULL AND type <> 'webhook.test'${typeFilter}
       ORDER BY pk LIMIT ${Math.floor(limit)}`,
      [cpoPk, since, afterPk, ...(types ?? [])],
    );
    return rows.map((row) => ({
      pk: Number(row.pk),
      id: String(row.id),
      type: row.type as EventType,
      cpoPk: Number(row.cpo_pk),
      sequence: Number(row.sequence),
      occurredAt: Number(row.occurred_at),
      targetEndpointPk: null,
    }));
  }

  /** Deletes published events that happened before `before`, at most `batch` of them; returns how many. */
  async prune(before: number, batch: number): Promise<number> {
    const rows = await select(
      this.dataSource.manager,
      `SELECT pk FROM events WHERE occurred_at < ? AND sequence IS NOT NULL ORDER BY occurred_at LIMIT ${Math.floor(batch)}`,
      [before],
    );
    if (rows.length === 0) return 0;
    const pks = rows.map((row) => Number(row.pk));
    return inTransaction(this.dataSource, (manager) => change(manager, `DELETE FROM events WHERE pk IN (${placeholders(pks.length)})`, pks));
  }
}

function storedEvent(row: Record<string, unknown>): StoredEvent {
  const sequence = Number(row.sequence);
  const head = {
    id: String(row.id),
    type: String(row.type),
    timestamp: formatTimestamp(Number(row.occurred_at)),
    cpo_id: String(row.cpo_id),
    sequence,
  };
  return {
    pk: Number(row.pk),
    id: head.id,
    type: head.type as EventType,
    cpoPk: Number(row.cpo_pk),
    sequence,
    json: `${JSON.stringify(head).slice(0, -1)},"data":${String(row.data)}}`,
  };
}
