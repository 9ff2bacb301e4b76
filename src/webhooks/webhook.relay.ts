import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { inBackground } from '../common/background.js';
import { EventPublisher } from '../events/event.publisher.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import { HttpDelivery } from './delivery/http-delivery.js';
import { RetryPolicy } from './delivery/retry-schedule.js';
import { signWebhook } from './delivery/signing.js';
import { type AttemptRecord, type ClaimedDelivery, WebhookRepository } from './webhook.repository.js';

/** Deliveries in flight at once in this process, all endpoints together. */
const MAX_IN_FLIGHT = 256;
/** Deliveries claimed per statement. */
const CLAIM_BATCH = 200;
/** How often due deliveries are looked for besides the moments this process publishes some (retries, other processes' events). */
const POLL_MS = 250;
/** Attempts are recorded in batches: at most this many, at most this long after the first. */
const RECORD_BATCH = 200;
const RECORD_AFTER_MS = 20;
/** A claim lasts twice the attempt's time-out plus this, so it ends only for a process that died with it (or stalled that long). */
const LEASE_MARGIN_MS = 5_000;
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
  private readonly inFlight = new Map<number, number>();
  private readonly sending = new Set<Promise<void>>();
  private total = 0;
  private claiming: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private records: AttemptRecord[] = [];
  private recordTimer: NodeJS.Timeout | undefined;
  private recording: Promise<void> = Promise.resolve();

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
    this.publisher.onPublished(() => this.kick());
    this.timers.push(setInterval(() => this.kick(), POLL_MS).unref());
    const prune = () => void inBackground('webhook-pruner', () => this.prune());
    this.timers.push(setInterval(prune, PRUNE_EVERY_MS).unref(), setTimeout(prune, 15_000).unref());
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    await this.claiming;
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
    while (this.claiming || this.sending.size || this.records.length) {
      await this.claiming;
      await Promise.allSettled([...this.sending]);
      await this.flush();
    }
  }

  private async claimAndSend(): Promise<void> {
    try {
      do {
        this.again = false;
        for (;;) {
          const free = MAX_IN_FLIGHT - this.total;
          if (free <= 0 || this.stopped) break;
          const saturated = [...this.inFlight].filter(([, count]) => count >= this.settings.webhookConcurrencyPerEndpoint).map(([pk]) => pk);
          const wanted = Math.min(free, CLAIM_BATCH);
          const now = Date.now();
          const claimed = await this.webhooks.claim(now, wanted, 2 * this.settings.webhookTimeoutMs + LEASE_MARGIN_MS, saturated);
          const giveBack: number[] = [];
          for (const delivery of claimed) {
            if ((this.inFlight.get(delivery.endpointPk) ?? 0) >= this.settings.webhookConcurrencyPerEndpoint) giveBack.push(delivery.pk);
            else this.send(delivery);
          }
          // More of one endpoint than it may have in flight: due again at once, for whoever has room.
          await this.webhooks.release(giveBack, now);
          if (claimed.length < wanted || giveBack.length > 0) break;
        }
      } while (this.again && !this.stopped);
    } catch (error) {
      this.logger.warn(`claiming webhook deliveries failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private send(delivery: ClaimedDelivery): void {
    this.inFlight.set(delivery.endpointPk, (this.inFlight.get(delivery.endpointPk) ?? 0) + 1);
    this.total++;
    const sending = this.attempt(delivery).finally(() => {
      this.sending.delete(sending);
      const left = (this.inFlight.get(delivery.endpointPk) ?? 1) - 1;
      if (left > 0) this.inFlight.set(delivery.endpointPk, left);
      else this.inFlight.delete(delivery.endpointPk);
      this.total--;
      this.kick();
    });
    this.sending.add(sending);
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
