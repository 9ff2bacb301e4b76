import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { inBackground } from '../common/background.js';
import { EventPublisher } from '../events/event.publisher.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import { HttpDelivery } from './delivery/http-delivery.js';
import { RetryPolicy } from './delivery/retry-schedule.js';
import { signWebhook } from './delivery/signing.js';
import { type AttemptRecord, type ClaimedDelivery, WebhookRepository } from './webhook.repository.js';

/** Deliveries this process holds at once (claimed, queued or in flight), all endpoints together. */
const MAX_HELD = 2_000;
/** Deliveries of one endpoint held at once: its concurrency times this (a queue, so a fast endpoint never waits for a claim). */
const QUEUE_FACTOR = 16;
/** Deliveries claimed per statement. */
const CLAIM_BATCH = 200;
/** How often due deliveries are looked for besides the moments this process publishes some (retries, other processes' events). */
const POLL_MS = 250;
/** After a publication, claiming waits this long for more (one claim for a burst of publications). */
const GATHER_MS = 10;
/** Attempts are recorded in batches: at most this many, at most this long after the first. */
const RECORD_BATCH = 200;
const RECORD_AFTER_MS = 20;
/**
 * A claim lasts this long and is renewed every RENEW_MS while this process holds the delivery
 * (queued or in flight): it runs out only for a process that died (or stalled that long), and then
 * another process sends it again (at least once).
 */
const LEASE_MS = 30_000;
const RENEW_MS = 10_000;
/** How often attempts and finished deliveries past the event retention period are deleted. */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Delivers webhooks inside the service (SPEC §10 "Delivery"), in every process with
 * WEBHOOKS_ENABLED (the default). It claims due deliveries from the database (so processes share
 * the work, and an event goes to an endpoint once in normal operation), sends each signed with the
 * endpoint's active secrets, and records the attempt with what follows it: done, a retry after the
 * schedule's delay (Retry-After honoured), given up, or the endpoint disabled. At most
 * WEBHOOK_CONCURRENCY_PER_ENDPOINT deliveries to one endpoint are in flight in a process, so a slow
 * or dead endpoint holds only its own.
 *
 * The fan-out (one delivery per event and subscribed endpoint) happens wherever events are
 * published, whatever WEBHOOKS_ENABLED says: a process that does not deliver still makes the work
 * for those that do.
 */
@Injectable()
export class WebhookRelay implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookRelay');
  private readonly http: HttpDelivery;
  private readonly policy: RetryPolicy;
  /** Claimed, not yet sent, by endpoint. */
  private readonly queues = new Map<number, ClaimedDelivery[]>();
  private readonly inFlight = new Map<number, number>();
  /** Every delivery held (queued, in flight, or attempted and not yet recorded), by pk: their claims are renewed. */
  private readonly held = new Map<number, ClaimedDelivery>();
  private readonly sending = new Set<Promise<void>>();
  private claiming: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private records: AttemptRecord[] = [];
  private recordTimer: NodeJS.Timeout | undefined;
  private recording: Promise<void> = Promise.resolve();
  private gathering: NodeJS.Timeout | undefined;

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly publisher: EventPublisher,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    this.http = new HttpDelivery({
      timeoutMs: settings.webhookTimeoutMs,
      allowHttp: settings.webhookAllowHttp,
      allowPrivateTargets: settings.webhookAllowPrivateTargets,
      maxSocketsPerOrigin: settings.webhookConcurrencyPerEndpoint,
      userAgent: 'charge-stations-api-webhooks/1',
    });
    this.policy = new RetryPolicy({ delaysSeconds: settings.webhookRetrySchedule });
  }

  /** Subscribed before anything is published (the publisher starts at bootstrap). */
  onModuleInit(): void {
    this.publisher.subscribe((manager, events) => this.webhooks.fanOut(manager, events, Date.now()).then(() => undefined));
  }

  onApplicationBootstrap(): void {
    if (!this.settings.webhooksEnabled) {
      this.logger.log('WEBHOOKS_ENABLED=false: this process delivers no webhooks');
      return;
    }
    this.publisher.onPublished(() => (this.gathering ??= setTimeout(() => ((this.gathering = undefined), this.kick()), GATHER_MS)));
    this.timers.push(setInterval(() => this.kick(), POLL_MS).unref());
    this.timers.push(setInterval(() => void inBackground('webhook-relay', () => this.renew()), RENEW_MS).unref());
    const prune = () => void inBackground('webhook-pruner', () => this.prune());
    this.timers.push(setInterval(prune, PRUNE_EVERY_MS).unref(), setTimeout(prune, 15_000).unref());
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.gathering);
    for (const timer of this.timers) clearTimeout(timer);
    await this.claiming;
    // Claimed and never sent: due again now, for the processes that go on.
    const queued = [...this.queues.values()].flat().map((d) => d.pk);
    this.queues.clear();
    for (const pk of queued) this.held.delete(pk);
    await this.webhooks.release(queued, Date.now()).catch(() => undefined);
    await Promise.allSettled([...this.sending]);
    await this.flush();
    this.http.close();
  }

  /** Looks for due deliveries now (coalesced with a look already running). */
  kick(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = inBackground('webhook-relay', () => this.claimAndSend()).finally(() => (this.claiming = undefined));
  }

  /** Resolves once nothing is in flight or waiting to be recorded (tests). */
  async idle(): Promise<void> {
    while (this.claiming || this.sending.size || this.records.length || this.queues.size) {
      await this.claiming;
      await Promise.allSettled([...this.sending]);
      await this.flush();
    }
  }

  /** Deliveries of one endpoint held at once (queued and in flight). */
  private get perEndpoint(): number {
    return this.settings.webhookConcurrencyPerEndpoint * QUEUE_FACTOR;
  }

  private heldFor(endpointPk: number): number {
    return (this.queues.get(endpointPk)?.length ?? 0) + (this.inFlight.get(endpointPk) ?? 0);
  }

  /**
   * Claims due deliveries while there is room: each endpoint gets a queue of up to its concurrency
   * × QUEUE_FACTOR, sent from with its concurrency (pump), so a fast endpoint is never held up by a
   * claim per attempt and a slow one holds only its own queue.
   */
  private async claimAndSend(): Promise<void> {
    try {
      do {
        this.again = false;
        for (;;) {
          const free = MAX_HELD - this.held.size;
          if (free <= 0 || this.stopped) break;
          const full = [...new Set([...this.queues.keys(), ...this.inFlight.keys()])].filter((pk) => this.heldFor(pk) >= this.perEndpoint);
          const wanted = Math.min(free, CLAIM_BATCH);
          const now = Date.now();
          const claimed = await this.webhooks.claim(now, wanted, LEASE_MS, full);
          const giveBack: number[] = [];
          const touched = new Set<number>();
          for (const delivery of claimed) {
            if (this.heldFor(delivery.endpointPk) >= this.perEndpoint) {
              giveBack.push(delivery.pk);
              continue;
            }
            this.held.set(delivery.pk, delivery);
            const queue = this.queues.get(delivery.endpointPk) ?? [];
            queue.push(delivery);
            this.queues.set(delivery.endpointPk, queue);
            touched.add(delivery.endpointPk);
          }
          for (const endpointPk of touched) this.pump(endpointPk);
          // More of one endpoint than this process may hold: due again at once, for whoever has room.
          await this.webhooks.release(giveBack, now);
          if (claimed.length < wanted || giveBack.length > 0) break;
        }
      } while (this.again && !this.stopped);
    } catch (error) {
      this.logger.warn(`claiming webhook deliveries failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Sends from an endpoint's queue up to its concurrency. */
  private pump(endpointPk: number): void {
    const queue = this.queues.get(endpointPk);
    while (queue?.length && (this.inFlight.get(endpointPk) ?? 0) < this.settings.webhookConcurrencyPerEndpoint && !this.stopped) {
      this.send(queue.shift()!);
    }
    if (queue && queue.length === 0) this.queues.delete(endpointPk);
  }

  private send(delivery: ClaimedDelivery): void {
    this.inFlight.set(delivery.endpointPk, (this.inFlight.get(delivery.endpointPk) ?? 0) + 1);
    const sending = this.attempt(delivery).finally(() => {
      this.sending.delete(sending);
      const left = (this.inFlight.get(delivery.endpointPk) ?? 1) - 1;
      if (left > 0) this.inFlight.set(delivery.endpointPk, left);
      else this.inFlight.delete(delivery.endpointPk);
      this.pump(delivery.endpointPk);
      // Half of the queue gone: claim more before it runs dry.
      if (this.heldFor(delivery.endpointPk) <= this.perEndpoint / 2) this.kick();
    });
    this.sending.add(sending);
  }

  /** Extends the claims of everything this process holds (queued, in flight, or not yet recorded). */
  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    try {
      await this.webhooks.release([...this.held.keys()], Date.now() + LEASE_MS, true);
    } catch (error) {
      this.logger.warn(`renewing webhook claims failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const at = new Date();
    const secrets = delivery.secrets.map((s) => ({ secret: s.secret, expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt) }));
    let record: AttemptRecord;
    try {
      const headers = signWebhook({ id: delivery.event.id, body: delivery.event.json }, secrets, at);
      const result = await this.http.deliver({ url: delivery.url, body: delivery.event.json, headers: { ...headers } });
      const step = this.policy.next(delivery.attempts + 1, result, new Date());
      record = {
        delivery,
        attemptedAt: at.getTime(),
        ok: result.ok,
        httpStatus: result.status ?? null,
        error: result.ok ? null : (result.error ? `${result.error.code}: ${result.error.message}` : `HTTP ${result.status}`).slice(0, 255),
        durationMs: result.durationMs,
        next:
          step.action === 'delivered'
            ? { state: 'delivered' }
            : step.action === 'retry'
              ? { state: 'pending', at: step.at.getTime() }
              : { state: 'failed' },
        ...(step.action === 'disable-endpoint' ? { disable: step.reason } : {}),
      };
    } catch (error) {
      // Not the receiver's doing (no active secret, a bug): logged without the event or secrets, and tried again later.
      this.logger.error(`webhook delivery ${delivery.pk} could not be attempted: ${error instanceof Error ? error.message : String(error)}`);
      record = {
        delivery,
        attemptedAt: at.getTime(),
        ok: false,
        httpStatus: null,
        error: 'internal: the attempt could not be made',
        durationMs: 0,
        next: { state: 'pending', at: at.getTime() + 60_000 },
      };
    }
    this.records.push(record);
    if (this.records.length >= RECORD_BATCH) void this.flush();
    else this.recordTimer ??= setTimeout(() => void this.flush(), RECORD_AFTER_MS);
  }

  /** Records the attempts made so far, in one transaction (after the one recording before it). */
  private flush(): Promise<void> {
    clearTimeout(this.recordTimer);
    this.recordTimer = undefined;
    const batch = this.records;
    this.records = [];
    if (batch.length === 0) return this.recording;
    // Recorded now: no longer renewed (a renewal must not push back a retry the record sets).
    for (const record of batch) this.held.delete(record.delivery.pk);
    this.recording = this.recording.then(() =>
      inBackground('webhook-relay', async () => {
        try {
          const disabled = await this.webhooks.record(batch, Date.now(), this.settings.webhookDisableAfterHours);
          for (const pk of disabled) this.logger.warn(`webhook endpoint ${pk} disabled`);
        } catch (error) {
          // Kept and recorded with the next batch; should the process die first, the claims run out
          // and the deliveries are attempted again (at least once).
          this.logger.warn(`recording webhook attempts failed: ${error instanceof Error ? error.message : String(error)}`);
          this.records.unshift(...batch);
          for (const record of batch) this.held.set(record.delivery.pk, record.delivery);
          this.recordTimer ??= setTimeout(() => void this.flush(), 1000);
        }
      }),
    );
    return this.recording;
  }

  private async prune(): Promise<void> {
    const before = Date.now() - this.settings.eventRetentionDays * 86_400_000;
    try {
      while (!this.stopped && (await this.webhooks.prune(before, 1000)) === 1000);
    } catch (error) {
      this.logger.warn(`pruning webhook deliveries failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
