import { Buffer } from 'node:buffer';
import { auth, dialect, startFreshServer, tableFingerprint, type TestServer } from '../support/server.js';

const LOCATIONS = '/api/2.0/Locations';
const LIMIT = 5;

describe(`Rate limit per token (${dialect})`, () => {
  let server: TestServer;
  let acme: string;
  let other: string;

  beforeAll(async () => {
    server = await startFreshServer({ rateLimitPerMinute: LIMIT });
    acme = await server.tenant('ACME');
    other = await server.tenant('OTHER');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('counts every route of a token together; past the limit: 429 with Retry-After in the envelope, writes change nothing', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < LIMIT - 1; i++) {
      const res = await server.http().get(LOCATIONS).set(auth(acme)).expect(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(LIMIT));
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    // the last allowed request, on another route and with the Base64 form of the same token
    await server.http().get('/api/1.0/ChargeStations').set('Authorization', `Token ${Buffer.from(acme).toString('base64')}`).expect(200);
    expect(remaining).toEqual(['4', '3', '2', '1']);

    const before = await tableFingerprint(server.dataSource, 'locations');
    const refused = [
      await server.http().get(LOCATIONS).set(auth(acme)),
      await server.http().get(LOCATIONS).set('Authorization', `Bearer ${acme}`),
      await server.http().post(LOCATIONS).set(auth(acme)).send({ cpo_id: 'ACME', name: 'L', address: 'A', city: 'C', postal_code: '1', country: 'NLD' }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(res.headers['x-ratelimit-remaining']).toBe('0');
      expect(res.body).toEqual({
        status_code: 2000,
        status_message: expect.stringMatching(/^Too many requests/),
        timestamp: expect.stringMatching(/Z$/),
      });
    }
    expect(await tableFingerprint(server.dataSource, 'locations')).toBe(before);
  });

  it('leaves other tokens and the health probes alone', async () => {
    for (let i = 0; i < LIMIT; i++) await server.http().get(LOCATIONS).set(auth(other)).expect(200);
    await server.http().get(LOCATIONS).set(auth(other)).expect(429);
    for (let i = 0; i < 3 * LIMIT; i++) {
      const live = await server.http().get('/health/live').set(auth(acme)).expect(200);
      expect(live.headers['x-ratelimit-limit']).toBeUndefined();
      await server.http().get('/health/ready').expect(200);
    }
  });

  it('limits requests without a token by client IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await server.http().get(LOCATIONS)).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
  });

  it('RATE_LIMIT_PER_MINUTE=0 turns it off', async () => {
    const unlimited = await startFreshServer({ rateLimitPerMinute: 0 });
    try {
      const token = await unlimited.tenant('ACME');
      const results = await Promise.all(Array.from({ length: 50 }, () => unlimited.http().get(LOCATIONS).set(auth(token))));
      expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
      expect(results[0].headers['x-ratelimit-limit']).toBeUndefined();
    } finally {
      await unlimited.close();
    }
  });
});
