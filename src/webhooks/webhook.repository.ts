import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type ListQueryDto, type Page, paginate } from '../common/pagination.js';
import { change, isSqlite, select } from '../database/prepared.js';
import { inTransaction } from '../database/transactions.js';
import type { EventType, PublishedEvent } from '../events/event-types.js';
import { EventRepository, type StoredEvent } from '../events/event.repository.js';
import { type StoredSecret, WebhookEndpoint } from './webhook-endpoint.entity.js';

/** A delivery claimed for an attempt: the event as sent, the endpoint it goes to. */
export interface ClaimedDelivery {
  pk: number;
  endpointPk: number;
  /** Attempts made before this one. */
  attempts: number;
  url: string;
  secrets: StoredSecret[];
  event: StoredEvent;
}

/** What became of one attempt, as the relay decided it (retry-schedule.ts). */
export interface AttemptRecord {
  delivery: ClaimedDelivery;
  attemptedAt: number;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  /** The delivery's state after it, and when the next attempt is due. */
  next: { state: 'delivered' } | { state: 'pending'; at: number } | { state: 'failed' };
  /** Disable the endpoint now (410 Gone), with this reason. */
  disable?: string;
}

/** An attempt as the deliveries log lists it. */
export interface AttemptRow {
  pk: number;
  eventId: string;
  eventType: string;
  attempt: number;
  attemptedAt: number;
  succeeded: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  nextAttemptAt: number | null;
}

const placeholders = (count: number) => Array(count).fill('?').join(', ');
const ROWS_PER_STATEMENT = 500;

/**
 * Webhook endpoints, their deliveries (one per event and endpoint) and the log of every attempt:
 * the only reader and writer of those tables.
 */
@Injectable()
export class WebhookRepository {
  /** Marks this process's claims (SQLite, where several processes may share one file), one mark per claim. */
  private readonly claimer = randomUUID();
  private claims = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventRepository,
  ) {}

  private get endpoints() {
    return this.dataSource.getRepository(WebhookEndpoint);
  }

  // ------------------------------------------------------------------ endpoints

  async insertEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    await inTransaction(this.dataSource, (manager) => manager.insert(WebhookEndpoint, endpoint));
  }

  pageOfEndpoints(cpoPks: number[], query: ListQueryDto): Promise<Page<WebhookEndpoint>> {
    const qb = this.endpoints.createQueryBuilder('w').where(cpoPks.length ? { cpoPk: In(cpoPks) } : '1 = 0');
    return paginate(qb, query, { lastUpdated: 'w.last_updated', id: 'w.id', key: (row) => ({ lastUpdated: row.lastUpdated, id: row.id }) });
  }

  /** The endpoint with this id if it belongs to one of these CPOs. */
  findEndpoint(cpoPks: number[], id: string): Promise<WebhookEndpoint | null> {
    if (cpoPks.length === 0) return Promise.resolve(null);
    return this.endpoints.findOneBy({ id, cpoPk: In(cpoPks) });
  }

  async updateEndpoint(pk: number, changes: Partial<WebhookEndpoint>): Promise<WebhookEndpoint> {
    return inTransaction(this.dataSource, async (manager) => {
      await manager.update(WebhookEndpoint, { pk }, changes);
      return manager.findOneByOrFail(WebhookEndpoint, { pk });
    });
  }

  /** The endpoint, its deliveries and their log. */
  async deleteEndpoint(pk: number): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await change(manager, 'DELETE FROM webhook_attempts WHERE endpoint_pk = ?', [pk]);
      await change(manager, 'DELETE FROM webhook_deliveries WHERE endpoint_pk = ?', [pk]);
      await change(manager, 'DELETE FROM webhook_endpoints WHERE pk = ?', [pk]);
    });
  }

  // ------------------------------------------------------------------ deliveries

  /**
   * In the transaction that publishes `events` (EventPublisher): a pending delivery for each event
   * and each enabled endpoint of its CPO that wants its type; a `webhook.test` event to its one
   * endpoint only. Returns how many.
   */
  async fanOut(manager: EntityManager, events: PublishedEvent[], now: number): Promise<number> {
    const rows: [endpointPk: number, eventPk: number][] = [];
    const cpoPks = [...new Set(events.filter((e) => e.targetEndpointPk === null).map((e) => e.cpoPk))];
    if (cpoPks.length) {
      const endpoints = (await manager.query(
        `SELECT pk, cpo_pk, event_types FROM webhook_endpoints WHERE enabled = ? AND cpo_pk IN (${placeholders(cpoPks.length)})`,
        [1, ...cpoPks],
      )) as { pk: number; cpo_pk: number; event_types: string }[];
      const subscribed = endpoints.map((e) => ({ pk: Number(e.pk), cpoPk: Number(e.cpo_pk), types: new Set(JSON.parse(e.event_types) as string[]) }));
      for (const event of events) {
        if (event.targetEndpointPk !== null) continue;
        for (const endpoint of subscribed) {
          if (endpoint.cpoPk === event.cpoPk && (endpoint.types.has('*') || endpoint.types.has(event.type))) rows.push([endpoint.pk, event.pk]);
        }
      }
    }
    for (const event of events) if (event.targetEndpointPk !== null) rows.push([event.targetEndpointPk, event.pk]);
    await this.upsertDeliveries(manager, rows, now, false);
    return rows.length;
  }

  /**
   * Pending deliveries (`restart`: also delivered or failed ones, which start over) for these
   * (endpoint, event) pairs, due at `now`.
   */
  private async upsertDeliveries(manager: EntityManager, rows: [number, number][], now: number, restart: boolean): Promise<void> {
    const sqlite = isSqlite(this.dataSource);
    const onConflict = restart
      ? sqlite
        ? ` ON CONFLICT (endpoint_pk, event_pk) DO UPDATE SET state = 'pending', attempts = 0, next_attempt_at = excluded.next_attempt_at, claimed_by = NULL`
        : ` ON DUPLICATE KEY UPDATE state = 'pending', attempts = 0, next_attempt_at = VALUES(next_attempt_at), claimed_by = NULL`
      : sqlite
        ? ' ON CONFLICT (endpoint_pk, event_pk) DO NOTHING'
        : ' ON DUPLICATE KEY UPDATE endpoint_pk = endpoint_pk';
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      await change(
        manager,
        `INSERT INTO webhook_deliveries (endpoint_pk, event_pk, state, attempts, next_attempt_at, created) VALUES ${chunk.map(() => "(?, ?, 'pending', 0, ?, ?)").join(', ')}${onConflict}`,
        chunk.flatMap(([endpointPk, eventPk]) => [endpointPk, eventPk, now, now]),
      );
    }
  }

  /**
   * Claims up to `limit` deliveries due at `now` (of enabled endpoints, or test events), skipping
   * these endpoints (at their concurrency bound in this process): each is leased until
   * `now + leaseMs` (its next_attempt_at), so no other process takes it meanwhile; a process that
   * dies with a claim leaves it to be taken again when the lease ends (at least once). MariaDB:
   * `SELECT … FOR UPDATE SKIP LOCKED`, so processes claiming at once take different rows; SQLite:
   * one UPDATE marks the rows this process won.
   */
  async claim(now: number, limit: number, leaseMs: number, skipEndpoints: number[]): Promise<ClaimedDelivery[]> {
    const skip = skipEndpoints.length ? ` AND d.endpoint_pk NOT IN (${placeholders(skipEndpoints.length)})` : '';
    const due = `SELECT d.pk FROM webhook_deliveries d
       JOIN webhook_endpoints w ON w.pk = d.endpoint_pk
       JOIN events e ON e.pk = d.event_pk
       WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND (w.enabled = ? OR e.target_endpoint_pk = w.pk)${skip}
       ORDER BY d.next_attempt_at LIMIT ${Math.floor(limit)}`;
    const parameters = [now, 1, ...skipEndpoints];
    const leaseUntil = now + leaseMs;
    let pks: number[];
    if (isSqlite(this.dataSource)) {
      const token = `${this.claimer}:${++this.claims}`;
      pks = await inTransaction(this.dataSource, async (manager) => {
        await manager.query(`UPDATE webhook_deliveries SET claimed_by = ?, next_attempt_at = ? WHERE pk IN (${due})`, [token, leaseUntil, ...parameters]);
        return ((await manager.query('SELECT pk FROM webhook_deliveries WHERE claimed_by = ?', [token])) as { pk: number }[]).map((r) => Number(r.pk));
      });
    } else {
      const candidates = (await select(this.dataSource.manager, due, parameters)).map((r) => Number(r.pk));
      if (candidates.length === 0) return [];
      pks = await inTransaction(this.dataSource, async (manager) => {
        const locked = ((await manager.query(
          `SELECT pk FROM webhook_deliveries WHERE pk IN (${placeholders(candidates.length)}) AND state = 'pending' AND next_attempt_at <= ? FOR UPDATE SKIP LOCKED`,
          [...candidates, now],
        )) as { pk: number }[]).map((r) => Number(r.pk));
        if (locked.length) await manager.query(`UPDATE webhook_deliveries SET next_attempt_at = ? WHERE pk IN (${placeholders(locked.length)})`, [leaseUntil, ...locked]);
        return locked;
      });
    }
    if (pks.length === 0) return [];
    const rows = await select(
      this.dataSource.manager,
      `SELECT d.pk, d.endpoint_pk, d.event_pk, d.attempts, w.url, w.secrets FROM webhook_deliveries d JOIN webhook_endpoints w ON w.pk = d.endpoint_pk
       WHERE d.pk IN (${placeholders(pks.length)})`,
      pks,
    );
    const events = await this.events.byPks(rows.map((r) => Number(r.event_pk)));
    return rows.flatMap((row) => {
      const event = events.get(Number(row.event_pk));
      if (!event) return []; // pruned meanwhile: its delivery goes with it
      return [
        {
          pk: Number(row.pk),
          endpointPk: Number(row.endpoint_pk),
          attempts: Number(row.attempts),
          url: String(row.url),
          secrets: JSON.parse(String(row.secrets)) as StoredSecret[],
          event,
        },
      ];
    });
  }

  /**
   * Claimed deliveries due (again) at `at`: handed back unattempted, or (`renew`) still held, their
   * claim extended to `at`. Only pending ones: a delivery recorded meanwhile keeps its state.
   */
  async release(pks: number[], at: number, renew = false): Promise<void> {
    if (pks.length === 0) return;
    await inTransaction(this.dataSource, async (manager) => {
      for (let start = 0; start < pks.length; start += ROWS_PER_STATEMENT) {
        const chunk = pks.slice(start, start + ROWS_PER_STATEMENT);
        await change(
          manager,
          `UPDATE webhook_deliveries SET next_attempt_at = ?${renew ? '' : ', claimed_by = NULL'} WHERE state = 'pending' AND pk IN (${placeholders(chunk.length)})`,
          [at, ...chunk],
        );
      }
    });
  }

  /**
   * Records attempts, in one transaction and a few statements whatever their number: the log, each
   * delivery's new state, and per endpoint when it started failing (or that it works again), its
   * disabling on 410 or after `disableAfterHours` of nothing but failures. Returns the endpoints
   * disabled.
   */
  async record(records: AttemptRecord[], now: number, disableAfterHours: number): Promise<number[]> {
    if (records.length === 0) return [];
    return inTransaction(this.dataSource, async (manager) => {
      for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
        const chunk = records.slice(start, start + ROWS_PER_STATEMENT);
        await change(
          manager,
          `INSERT INTO webhook_attempts (delivery_pk, endpoint_pk, event_id, event_type, attempt, attempted_at, succeeded, http_status, error, duration_ms, next_attempt_at)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((r) => [
            r.delivery.pk,
            r.delivery.endpointPk,
            r.delivery.event.id,
            r.delivery.event.type,
            r.delivery.attempts + 1,
            r.attemptedAt,
            r.ok ? 1 : 0,
            r.httpStatus,
            r.error,
            Math.round(r.durationMs),
            r.next.state === 'pending' ? r.next.at : null,
          ]),
        );
      }
      const ended = (state: 'delivered' | 'failed') => records.filter((r) => r.next.state === state).map((r) => r.delivery.pk);
      for (const state of ['delivered', 'failed'] as const) {
        const pks = ended(state);
        if (pks.length) {
          await change(manager, `UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, next_attempt_at = NULL, claimed_by = NULL WHERE pk IN (${placeholders(pks.length)})`, [state, ...pks]);
        }
      }
      const retries = records.filter((r) => r.next.state === 'pending');
      if (retries.length) {
        const when = retries.map(() => 'WHEN ? THEN ?').join(' ');
        await change(
          manager,
          `UPDATE webhook_deliveries SET attempts = attempts + 1, claimed_by = NULL, next_attempt_at = CASE pk ${when} END WHERE pk IN (${placeholders(retries.length)})`,
          [...retries.flatMap((r) => [r.delivery.pk, (r.next as { at: number }).at]), ...retries.map((r) => r.delivery.pk)],
        );
      }
      const working = [...new Set(records.filter((r) => r.ok).map((r) => r.delivery.endpointPk))];
      const failing = [...new Set(records.filter((r) => !r.ok).map((r) => r.delivery.endpointPk))].filter((pk) => !working.includes(pk));
      if (working.length) {
        await change(manager, `UPDATE webhook_endpoints SET failing_since = NULL WHERE failing_since IS NOT NULL AND pk IN (${placeholders(working.length)})`, working);
      }
      const disabled: number[] = [];
      if (failing.length) {
        await change(manager, `UPDATE webhook_endpoints SET failing_since = ? WHERE failing_since IS NULL AND pk IN (${placeholders(failing.length)})`, [now, ...failing]);
        const limit = now - disableAfterHours * 3_600_000;
        const expired = ((await manager.query(
          `SELECT pk FROM webhook_endpoints WHERE enabled = ? AND failing_since <= ? AND pk IN (${placeholders(failing.length)})`,
          [1, limit, ...failing],
        )) as { pk: number }[]).map((r) => Number(r.pk));
        for (const pk of expired) {
          await this.disable(manager, pk, `every delivery attempt failed for ${disableAfterHours} hours`, now);
          disabled.push(pk);
        }
      }
      for (const record of records.filter((r) => r.disable !== undefined)) {
        if (disabled.includes(record.delivery.endpointPk)) continue;
        await this.disable(manager, record.delivery.endpointPk, record.disable!, now);
        disabled.push(record.delivery.endpointPk);
      }
      return disabled;
    });
  }

  private async disable(manager: EntityManager, endpointPk: number, reason: string, now: number): Promise<void> {
    await change(manager, 'UPDATE webhook_endpoints SET enabled = ?, disabled_reason = ?, last_updated = ? WHERE pk = ? AND enabled = ?', [0, reason, now, endpointPk, 1]);
  }

  /** An endpoint's attempts, newest first (`beforePk`: after the page ending there), only failed ones when asked. */
  async attempts(endpointPk: number, failedOnly: boolean, beforePk: number | undefined, limit: number): Promise<AttemptRow[]> {
    const rows = await select(
      this.dataSource.manager,
      `SELECT pk, event_id, event_type, attempt, attempted_at, succeeded, http_status, error, duration_ms, next_attempt_at FROM webhook_attempts
       WHERE endpoint_pk = ?${failedOnly ? ' AND succeeded = ?' : ''}${beforePk === undefined ? '' : ' AND pk < ?'}
       ORDER BY pk DESC LIMIT ${Math.floor(limit) + 1}`,
      [endpointPk, ...(failedOnly ? [0] : []), ...(beforePk === undefined ? [] : [beforePk])],
    );
    return rows.map((row) => ({
      pk: Number(row.pk),
      eventId: String(row.event_id),
      eventType: String(row.event_type),
      attempt: Number(row.attempt),
      attemptedAt: Number(row.attempted_at),
      succeeded: Boolean(Number(row.succeeded)),
      httpStatus: row.http_status == null ? null : Number(row.http_status),
      error: row.error == null ? null : String(row.error),
      durationMs: Number(row.duration_ms),
      nextAttemptAt: row.next_attempt_at == null ? null : Number(row.next_attempt_at),
    }));
  }

  async countAttempts(endpointPk: number, failedOnly: boolean): Promise<number> {
    const [row] = await select(
      this.dataSource.manager,
      `SELECT COUNT(*) AS n FROM webhook_attempts WHERE endpoint_pk = ?${failedOnly ? ' AND succeeded = ?' : ''}`,
      [endpointPk, ...(failedOnly ? [0] : [])],
    );
    return Number(row.n);
  }

  /**
   * Every published event of the endpoint's CPO and types that happened at or after `since` is due
   * to it again now (a delivery that exists starts over). Returns how many.
   */
  async replay(endpoint: WebhookEndpoint, since: number, now: number): Promise<number> {
    const types = endpoint.eventTypes.includes('*') ? undefined : (endpoint.eventTypes as EventType[]);
    let count = 0;
    for (let after = 0; ; ) {
      const batch = await this.events.since(endpoint.cpoPk, since, types, after, ROWS_PER_STATEMENT);
      if (batch.length === 0) return count;
      await inTransaction(this.dataSource, (manager) => this.upsertDeliveries(manager, batch.map((e) => [endpoint.pk, e.pk]), now, true));
      count += batch.length;
      after = batch[batch.length - 1].pk;
    }
  }

  /** Deletes attempts made, and finished deliveries created, before `before`; at most `batch` rows each. */
  async prune(before: number, batch: number): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const attempts = (await manager.query(`SELECT pk FROM webhook_attempts WHERE attempted_at < ? LIMIT ${Math.floor(batch)}`, [before])) as { pk: number }[];
      const deliveries = (await manager.query(`SELECT pk FROM webhook_deliveries WHERE created < ? AND state <> 'pending' LIMIT ${Math.floor(batch)}`, [before])) as { pk: number }[];
      if (attempts.length) await change(manager, `DELETE FROM webhook_attempts WHERE pk IN (${placeholders(attempts.length)})`, attempts.map((r) => Number(r.pk)));
      if (deliveries.length) await change(manager, `DELETE FROM webhook_deliveries WHERE pk IN (${placeholders(deliveries.length)})`, deliveries.map((r) => Number(r.pk)));
      return Math.max(attempts.length, deliveries.length);
    });
  }
}
