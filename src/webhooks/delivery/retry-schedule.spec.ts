import {
  DEFAULT_RETRY_DELAYS_SECONDS,
  failingEndpointVerdict,
  GONE_REASON,
  parseRetryAfter,
  parseRetrySchedule,
  RetryPolicy,
  type AttemptOutcome,
} from './retry-schedule.js';

const now = new Date('2026-12-01T10:00:00.000Z');
const failed500: AttemptOutcome = { ok: false, status: 500 };
const timedOut: AttemptOutcome = { ok: false };
/** random() = 0.5 is the middle of the jitter range: factor 1. */
const noJitter = new RetryPolicy({ random: () => 0.5 });

describe('the default schedule (SPEC §10)', () => {
  it.each([
    [1, '5 s', 5_000],
    [2, '5 min', 300_000],
    [3, '30 min', 1_800_000],
    [4, '2 h', 7_200_000],
    [5, '5 h', 18_000_000],
    [6, '10 h', 36_000_000],
    [7, '10 h', 36_000_000],
  ])('after failed attempt %i the next follows %s later', (attempt, _label, delayMs) => {
    expect(noJitter.next(attempt, failed500, now)).toEqual({ action: 'retry', delayMs, at: new Date(now.getTime() + delayMs) });
  });

  it('after the 8th attempt fails, the event is exhausted', () => {
    expect(noJitter.maxAttempts).toBe(8);
    expect(noJitter.next(8, failed500, now)).toEqual({ action: 'exhausted' });
    expect(noJitter.next(9, timedOut, now)).toEqual({ action: 'exhausted' });
  });

  it('spans about 27.6 h from the first attempt to the last', () => {
    expect(DEFAULT_RETRY_DELAYS_SECONDS.reduce((sum, delay) => sum + delay, 0)).toBe(99_305);
  });
});

describe('what an outcome leads to', () => {
  it.each<[string, AttemptOutcome, string]>([
    ['2xx', { ok: true, status: 204 }, 'delivered'],
    ['500', failed500, 'retry'],
    ['400 (retried like any other failure)', { ok: false, status: 400 }, 'retry'],
    ['redirect (not followed)', { ok: false, status: 302 }, 'retry'],
    ['time-out or refused connection (no status)', timedOut, 'retry'],
    ['410 Gone', { ok: false, status: 410 }, 'disable-endpoint'],
  ])('%s → %s', (_label, outcome, action) => {
    expect(noJitter.next(1, outcome, now).action).toBe(action);
  });

  it('410 disables the endpoint even on the last attempt, with a reason', () => {
    expect(noJitter.next(8, { ok: false, status: 410 }, now)).toEqual({ action: 'disable-endpoint', reason: GONE_REASON });
  });

  it.each([0, -1, 1.5, Number.NaN])('attempt number %p → throws', (attempt) => {
    expect(() => noJitter.next(attempt, failed500, now)).toThrow('whole number from 1');
  });
});

describe('jitter: ±20 %', () => {
  it.each([
    ['random 0 → -20 %', 0, 4_000],
    ['random 0.25 → -10 %', 0.25, 4_500],
    ['random 0.5 → as scheduled', 0.5, 5_000],
    ['random 0.75 → +10 %', 0.75, 5_500],
    ['random just below 1 → just below +20 %', 0.999_999, 6_000],
  ])('%s', (_label, random, delayMs) => {
    const policy = new RetryPolicy({ random: () => random });
    expect(policy.next(1, failed500, now)).toMatchObject({ delayMs });
  });

  it('stays within ±20 % with Math.random', () => {
    const policy = new RetryPolicy();
    for (let i = 0; i < 1000; i++) {
      const step = policy.next(2, failed500, now);
      expect(step.action === 'retry' && step.delayMs >= 240_000 && step.delayMs <= 360_000).toBe(true);
    }
  });

  it('jitterRatio 0 turns it off', () => {
    expect(new RetryPolicy({ jitterRatio: 0, random: () => 0 }).next(3, failed500, now)).toMatchObject({ delayMs: 1_800_000 });
  });

  it.each([-0.1, 1, Number.NaN])('jitterRatio %p → throws', (jitterRatio) => {
    expect(() => new RetryPolicy({ jitterRatio })).toThrow('jitter ratio');
  });
});

describe('Retry-After on 429 and 503: at least what it asks, at most 1 h, never sooner than scheduled', () => {
  it.each<[string, number, AttemptOutcome, number]>([
    ['429, asks 60 s after attempt 1 (scheduled 5 s) → 60 s', 1, { ok: false, status: 429, retryAfterSeconds: 60 }, 60_000],
    ['503, asks 120 s after attempt 1 → 120 s', 1, { ok: false, status: 503, retryAfterSeconds: 120 }, 120_000],
    ['429, asks 2 h → capped at 1 h', 1, { ok: false, status: 429, retryAfterSeconds: 7200 }, 3_600_000],
    ['429, asks 1 s after attempt 3 (scheduled 30 min) → 30 min', 3, { ok: false, status: 429, retryAfterSeconds: 1 }, 1_800_000],
    ['429, asks 0 s → the schedule', 1, { ok: false, status: 429, retryAfterSeconds: 0 }, 5_000],
    ['429 without Retry-After → the schedule', 1, { ok: false, status: 429 }, 5_000],
    ['503, asks 2 h after attempt 5 (scheduled 5 h) → 5 h', 5, { ok: false, status: 503, retryAfterSeconds: 7200 }, 18_000_000],
    ['500 with Retry-After → ignored', 1, { ok: false, status: 500, retryAfterSeconds: 60 }, 5_000],
  ])('%s', (_label, attempt, outcome, delayMs) => {
    expect(noJitter.next(attempt, outcome, now)).toEqual({ action: 'retry', delayMs, at: new Date(now.getTime() + delayMs) });
  });

  it('a 429 after the last attempt is still exhausted', () => {
    expect(noJitter.next(8, { ok: false, status: 429, retryAfterSeconds: 10 }, now)).toEqual({ action: 'exhausted' });
  });
});

describe('WEBHOOK_RETRY_SCHEDULE', () => {
  it.each<[string, number[]]>([
    ['1,2,5', [1, 2, 5]],
    [' 1 , 2 , 5 ', [1, 2, 5]],
    ['0', [0]],
    ['0.2,0.5,1.25', [0.2, 0.5, 1.25]],
    ['5,300,1800,7200,18000,36000,36000', [...DEFAULT_RETRY_DELAYS_SECONDS]],
  ])('%j → %j', (text, expected) => {
    expect(parseRetrySchedule(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['  ', 'empty'],
    ['1,,2', 'item 2 is empty'],
    ['1,2,', 'item 3 is empty'],
    ['1,2,x', 'item 3, "x", is not a number of seconds'],
    ['-1', 'item 1, "-1", is not a number of seconds'],
    ['1e3', 'item 1, "1e3", is not a number of seconds'],
    ['5s,10s', 'item 1, "5s", is not a number of seconds'],
    ['1;2', 'item 1, "1;2", is not a number of seconds'],
    ['.5', 'item 1, ".5", is not a number of seconds'],
  ])('%j → refused (%s)', (text, why) => {
    expect(() => parseRetrySchedule(text)).toThrow(
      `Setting WEBHOOK_RETRY_SCHEDULE must be a comma-separated list of delays in seconds, e.g. "5,300,1800"; got "${text}" (${why})`,
    );
  });

  it('drives the policy: retries after its delays, exhausted after the last', () => {
    const policy = new RetryPolicy({ delaysSeconds: parseRetrySchedule('1,2,5'), jitterRatio: 0 });
    expect(policy.maxAttempts).toBe(4);
    expect([1, 2, 3, 4].map((attempt) => policy.next(attempt, failed500, now))).toEqual([
      { action: 'retry', delayMs: 1000, at: new Date(now.getTime() + 1000) },
      { action: 'retry', delayMs: 2000, at: new Date(now.getTime() + 2000) },
      { action: 'retry', delayMs: 5000, at: new Date(now.getTime() + 5000) },
      { action: 'exhausted' },
    ]);
  });

  it('refuses negative or infinite delays given in code', () => {
    expect(() => new RetryPolicy({ delaysSeconds: [1, -1] })).toThrow('Retry delays');
    expect(() => new RetryPolicy({ delaysSeconds: [Number.POSITIVE_INFINITY] })).toThrow('Retry delays');
  });
});

describe('parseRetryAfter (seconds from now)', () => {
  it.each<[string | undefined, number | undefined]>([
    ['120', 120],
    [' 30 ', 30],
    ['0', 0],
    ['Tue, 01 Dec 2026 10:00:30 GMT', 30],
    ['Tue, 01 Dec 2026 10:00:00 GMT', 0],
    ['Tue, 01 Dec 2026 09:00:00 GMT', 0],
    ['Tuesday, 01-Dec-26 10:01:00 GMT', 60],
    ['Tue Dec  1 10:02:00 2026', 120],
    ['Tue, 01 Dec 2026 10:00:00 +0200', undefined],
    ['2026-12-01T10:00:30Z', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %p', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it('rounds a date a fraction of a second away up', () => {
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:01 GMT', new Date('2026-12-01T10:00:00.400Z'))).toBe(1);
  });
});

describe('failingEndpointVerdict (WEBHOOK_DISABLE_AFTER_HOURS, default 120)', () => {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  it.each<[string, Date | null, number | undefined, boolean]>([
    ['latest attempt succeeded (null)', null, undefined, false],
    ['failing for 1 h', hoursAgo(1), undefined, false],
    ['failing for 119 h 59 min', hoursAgo(120 - 1 / 60), undefined, false],
    ['failing for exactly 120 h', hoursAgo(120), undefined, true],
    ['failing for 200 h', hoursAgo(200), undefined, true],
    ['failing for 2 h with a 1 h setting', hoursAgo(2), 1, true],
    ['failing for 2 h with a 3 h setting', hoursAgo(2), 3, false],
  ])('%s → disable: %s', (_label, failingSince, hours, disable) => {
    expect(failingEndpointVerdict(failingSince, now, hours).disable).toBe(disable);
  });

  it('gives a disabled_reason naming the period and its start', () => {
    expect(failingEndpointVerdict(new Date('2026-11-26T08:00:00.000Z'), now)).toEqual({
      disable: true,
      reason: 'every delivery attempt failed for 120 hours (since 2026-11-26T08:00:00.000Z)',
    });
  });
});
