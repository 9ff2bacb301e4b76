import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { inBackground } from '../common/background.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import type { PublishedEvent } from './event-types.js';
import { EventRepository, type PublicationSubscriber } from './event.repository.js';

/** Events published per transaction. */
const BATCH = 500;
/** How often committed events of other processes are looked for (this process's are published at once). */
const POLL_MS = 200;
/** After a commit with events, publication waits this long for more (one publication for a burst of writes). */
const GATHER_MS = 5;
/** How often events past the retention period are deleted, and how many per statement. */
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 1000;
const DAY_MS = 86_400_000;

/**
 * Publishes events inside the service (no process of its own): as soon as a transaction with events
 * commits in this process, and every POLL_MS for other processes' (and for events whose writer died
 * before it could tell). Each publication transaction hands its events to the subscribers (webhook
 * fan-out, OCPI push), so what they record is written with the feed position, or not at all. Also
 * prunes events older than EVENT_RETENTION_DAYS, hourly.
 */
@Injectable()
export class EventPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventPublisher');
  private readonly subscribers: PublicationSubscriber[] = [];
  private readonly publishedListeners: (() => void)[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private timers: NodeJS.Timeout[] = [];
  private unlisten?: () => void;

  constructor(
    private readonly events: EventRepository,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** A subscriber acts on published events in their publication transaction (a failure rolls it back; it is tried again). */
  subscribe(subscriber: PublicationSubscriber): void {
    this.subscribers.push(subscriber);
  }

  /** Called after each publication transaction has committed (e.g. deliveries it created are claimable now). */
  onPublished(listener: () => void): void {
    this.publishedListeners.push(listener);
  }

  onApplicationBootstrap(): void {
    this.unlisten = this.events.onCommitted(() => this.gather());
    this.timers.push(setInterval(() => this.soon(), POLL_MS).unref());
    const prune = () => void inBackground('event-pruner', () => this.prune());
    this.timers.push(setInterval(prune, PRUNE_EVERY_MS).unref());
    this.timers.push(setTimeout(prune, 10_000).unref());
    this.soon();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unlisten?.();
    clearTimeout(this.gathering);
    for (const timer of this.timers) clearTimeout(timer);
    await this.running;
  }

  /** Publishes what has committed, now (tests; also what every trigger ends in). Resolves when nothing is left. */
  async publishNow(): Promise<void> {
    this.soon();
    while (this.running) await this.running;
  }

  private gathering: NodeJS.Timeout | undefined;

  /** Publishes GATHER_MS from now (a commit's events with those of the writes committing right after it). */
  private gather(): void {
    this.gathering ??= setTimeout(() => {
      this.gathering = undefined;
      this.soon();
    }, GATHER_MS);
  }

  private soon(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = inBackground('event-publisher', () => this.publishAll()).finally(() => (this.running = undefined));
  }

  private async publishAll(): Promise<void> {
    try {
      do {
        this.again = false;
        if (!(await this.events.hasUnpublished())) continue;
        let published: number;
        do {
          published = await this.events.publish(BATCH, (manager, events) => this.tell(manager, events));
          if (published > 0) for (const listener of this.publishedListeners) listener();
        } while (published === BATCH && !this.stopped);
      } while (this.again && !this.stopped);
    } catch (error) {
      // The database is away or a subscriber failed: nothing was published; the next trigger tries again.
      this.logger.warn(`publishing events failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async tell(manager: EntityManager, events: PublishedEvent[]): Promise<void> {
    for (const subscriber of this.subscribers) await subscriber(manager, events);
  }

  private async prune(): Promise<void> {
    if (this.stopped) return;
    const before = Date.now() - this.settings.eventRetentionDays * DAY_MS;
    try {
      while (!this.stopped && (await this.events.prune(before, PRUNE_BATCH)) === PRUNE_BATCH);
    } catch (error) {
      this.logger.warn(`pruning events failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
