/**
 * SPEC §10 "Delivery": when a failed attempt is tried again, when an event is given up, and when an
 * endpoint is disabled. Plain functions of the attempt's outcome and the clock; the relay stores
 * what they decide.
 */

/** After attempt n fails, attempt n + 1 follows DEFAULT_RETRY_DELAYS_SECONDS[n - 1] later: 8 attempts over about 28 h. */
export const DEFAULT_RETRY_DELAYS_SECONDS: readonly number[] = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600];
/** ±20 %: retries of many events that failed together spread out instead of arriving together. */
export const DEFAULT_JITTER_RATIO = 0.2;
/** SPEC: `Retry-After` is honoured up to 1 h. */
export const RETRY_AFTER_CAP_SECONDS = 3600;
/** SPEC: `WEBHOOK_DISABLE_AFTER_HOURS` default. */
export const DEFAULT_DISABLE_AFTER_HOURS = 120;
/** The `disabled_reason` of an endpoint that answered 410. */
export const GONE_REASON = 'the endpoint answered 410 Gone';

const SECONDS = /^\d+(\.\d+)?$/;

/**
 * `WEBHOOK_RETRY_SCHEDULE`: comma-separated delays in seconds (decimals allowed, e.g. "0.2,1,2" in
 * tests), one per retry. Throws a message naming the setting and the item at fault.
 */
export function parseRetrySchedule(text: string, name = 'WEBHOOK_RETRY_SCHEDULE'): number[] {
  const items = text.split(',').map((item) => item.trim());
  const fault = (why: string) => new Error(`Setting ${name} must be a comma-separated list of delays in seconds, e.g. "5,300,1800"; got "${text}" (${why})`);
  if (text.trim() === '') throw fault('empty');
  return items.map((item, index) => {
    if (!SECONDS.test(item)) throw fault(item === '' ? `item ${index + 1} is empty` : `item ${index + 1}, "${item}", is not a number of seconds`);
    return Number(item);
  });
}

const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * A `Retry-After` header (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) as seconds from `now`;
 * a date in the past is 0; anything else is undefined (ignored).
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  let at: number;
  if (IMF_FIXDATE.test(text) || RFC850_DATE.test(text)) at = Date.parse(text);
  else if (ASCTIME_DATE.test(text)) at = Date.parse(`${text} GMT`);
  else return undefined;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** What an attempt came to, as http-delivery reports it. */
export interface AttemptOutcome {
  ok: boolean;
  status?: number;
  retryAfterSeconds?: number;
}

export type NextStep =
  /** Acknowledged (2xx). */
  | { action: 'delivered' }
  /** Try again `delayMs` from now, at `at`. */
  | { action: 'retry'; delayMs: number; at: Date }
  /** The last scheduled attempt failed: the event is given up for this endpoint. */
  | { action: 'exhausted' }
  /** 410 Gone: disable the endpoint now, with `reason` as its `disabled_reason`. */
  | { action: 'disable-endpoint'; reason: string };

export interface RetryPolicyOptions {
  /** Delays in seconds, one per retry (DEFAULT_RETRY_DELAYS_SECONDS, or parseRetrySchedule's). */
  delaysSeconds?: readonly number[];
  /** Each delay is multiplied by a factor drawn uniformly from [1 - ratio, 1 + ratio); 0 turns jitter off. */
  jitterRatio?: number;
  /** Source of randomness in [0, 1), for tests. */
  random?: () => number;
  retryAfterCapSeconds?: number;
}

export class RetryPolicy {
  private readonly delaysSeconds: readonly number[];
  private readonly jitterRatio: number;
  private readonly random: () => number;
  private readonly retryAfterCapSeconds: number;

  constructor(options: RetryPolicyOptions = {}) {
    this.delaysSeconds = options.delaysSeconds ?? DEFAULT_RETRY_DELAYS_SECONDS;
    this.jitterRatio = options.jitterRatio ?? DEFAULT_JITTER_RATIO;
    this.random = options.random ?? Math.random;
    this.retryAfterCapSeconds = options.retryAfterCapSeconds ?? RETRY_AFTER_CAP_SECONDS;
    if (this.delaysSeconds.some((delay) => !Number.isFinite(delay) || delay < 0)) throw new Error('Retry delays must be finite numbers of seconds, 0 or more');
    if (!(this.jitterRatio >= 0 && this.jitterRatio < 1)) throw new Error('Retry jitter ratio must be at least 0 and below 1');
  }

  /** The first attempt and one per retry. */
  get maxAttempts(): number {
    return this.delaysSeconds.length + 1;
  }

  /**
   * What follows attempt number `attempt` (the first is 1) with this outcome, decided at `now`.
   *
   * A 429 or 503 with `Retry-After` waits at least what it asks, capped at 1 h, but never less than
   * the schedule's delay: `Retry-After` says when the receiver can take traffic again, not that it
   * wants the next attempt sooner, and a receiver answering "Retry-After: 1" must not use up all
   * attempts in seconds. It counts as an attempt like any other failure.
   */
  next(attempt: number, outcome: AttemptOutcome, now: Date): NextStep {
    if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`An attempt number is a whole number from 1, got ${attempt}`);
    if (outcome.ok) return { action: 'delivered' };
    if (outcome.status === 410) return { action: 'disable-endpoint', reason: GONE_REASON };
    if (attempt > this.delaysSeconds.length) return { action: 'exhausted' };
    let delayMs = this.scheduledDelayMs(attempt);
    if ((outcome.status === 429 || outcome.status === 503) && outcome.retryAfterSeconds !== undefined) {
      delayMs = Math.max(delayMs, Math.min(outcome.retryAfterSeconds, this.retryAfterCapSeconds) * 1000);
    }
    return { action: 'retry', delayMs, at: new Date(now.getTime() + delayMs) };
  }

  /** The delay after failed attempt `attempt`, with jitter, in whole milliseconds. */
  private scheduledDelayMs(attempt: number): number {
    const factor = 1 + this.jitterRatio * (2 * this.random() - 1);
    return Math.round(this.delaysSeconds[attempt - 1] * 1000 * factor);
  }
}

/**
 * SPEC §10: an endpoint whose every attempt has failed for `disableAfterHours` is disabled.
 * `failingSince` is when the first of its failed attempts since its last success was made (null
 * while the latest attempt succeeded, or before any attempt).
 */
export function failingEndpointVerdict(
  failingSince: Date | null,
  now: Date,
  disableAfterHours: number = DEFAULT_DISABLE_AFTER_HOURS,
): { disable: false } | { disable: true; reason: string } {
  if (failingSince === null || now.getTime() - failingSince.getTime() < disableAfterHours * 3_600_000) return { disable: false };
  return { disable: true, reason: `every delivery attempt failed for ${disableAfterHours} hours (since ${failingSince.toISOString()})` };
}
