import { newEventId } from './event-types.js';

describe('newEventId', () => {
  it('is evt_ and 26 characters of Crockford base 32: 10 of time, 16 random', () => {
    expect(newEventId()).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('sorts by time (as text), whatever the random part', () => {
    const ids = [0, 1, 31, 32, 1_000, Date.UTC(2026, 11, 3), Date.UTC(2026, 11, 3) + 1, 2 ** 48 - 1].map((t) => newEventId(t, () => new Uint8Array(16).fill(255)));
    expect([...ids].sort()).toEqual(ids);
    expect(newEventId(5, () => new Uint8Array(16))).toBe('evt_0000000005' + '0'.repeat(16));
  });

  it('differs for the same millisecond', () => {
    const now = Date.now();
    expect(new Set(Array.from({ length: 1000 }, () => newEventId(now))).size).toBe(1000);
  });
});
