import { Buffer } from 'node:buffer';
import { startServerProcess } from '../support/processes.js';
import { ApiTokenRepository } from '../../src/auth/api-token.repository.js';
import { auth, dialect, freshSettings, startFreshServer, startServer, type TestServer } from '../support/server.js';

const LOCATIONS = '/api/2.0/Locations';
const STATIONS = '/api/1.0/ChargeStations';

/** What must never reach a client: stack frames, driver or SQL text, file paths, class names. */
const INTERNALS =
  /\bat \S+ \(|\.ts:\d+|\.js:\d+|node_modules|\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|WHERE)\b|\bsyntax error\b|no such (table|column)|SQLITE_|\bER_[A-Z_]+|QueryFailedError|SqliteError|TypeORMError|EntityMetadata|driverError|sqlMessage|"stack"|Error: /;

function expectEnvelopeWithoutInternals(res: { status: number; body: Record<string, unknown>; text: string }) {
  expect(res.body).toEqual(
    expect.objectContaining({ status_code: expect.any(Number), status_message: expect.any(String), timestamp: expect.any(String) }),
  );
  expect(res.text).not.toMatch(INTERNALS);
}

describe(`Hardening: headers, CORS, no internals in responses (${dialect})`, () => {
  let server: TestServer;
  let acme: string;

  beforeAll(async () => {
    server = await startFreshServer();
    acme = await server.tenant('ACME');
  });

  afterAll(async () => {
    await server?.close();
  });

  describe('security headers', () => {
    it('are on API responses, errors and health probes', async () => {
      for (const res of [
        await server.http().get(LOCATIONS).set(auth(acme)).expect(200),
        await server.http().get(LOCATIONS).expect(401),
        await server.http().get('/health/live').expect(200),
        await server.http().get('/no/such/route').expect(404),
      ]) {
        expect(res.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
          'strict-transport-security': expect.stringMatching(/max-age=\d+/),
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
        });
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('keep Swagger UI working: /docs renders, every script and stylesheet it loads is same-origin and served', async () => {
      const page = await server.http().get('/docs').expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain('upgrade-insecure-requests');

      // script-src 'self' has no 'unsafe-inline': every script must come from a file of this origin.
      expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/i);
      const assets = [...page.text.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)=["']([^"']+)["']/gi)].map((m) => m[1]);
      expect(assets).toEqual(expect.arrayContaining([expect.stringMatching(/swagger-ui-bundle\.js$/), expect.stringMatching(/swagger-ui-init\.js$/)]));
      for (const asset of assets) {
        expect(asset).not.toMatch(/^(https?:)?\/\//);
        const url = new URL(asset, `${server.url}/docs`);
        const res = await server.http().get(url.pathname).expect(200);
        expect(res.headers['content-type']).toMatch(asset.endsWith('.css') ? /text\/css/ : asset.endsWith('.js') ? /javascript/ : /image\/png/);
      }
      const init = await server.http().get('/docs/swagger-ui-init.js').expect(200);
      expect(init.text).toContain('SwaggerUIBundle');
      await server.http().get('/docs-json').expect(200);
    });
  });

  describe('CORS', () => {
    it('is off by default: no Access-Control-* headers, preflight not answered', async () => {
      const simple = await server.http().get(LOCATIONS).set(auth(acme)).set('Origin', 'https://evil.example').expect(200);
      expect(Object.keys(simple.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      const preflight = await server
        .http()
        .options(LOCATIONS)
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(preflight.status).toBeGreaterThanOrEqual(400);
      expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    });

    it('allows exactly the configured origins', async () => {
      const cors = await startFreshServer({ corsOrigins: ['https://ops.example.com', 'http://localhost:5173'] });
      try {
        const token = await cors.tenant('ACME');
        const allowed = await cors
          .http()
          .options(LOCATIONS)
          .set('Origin', 'https://ops.example.com')
          .set('Access-Control-Request-Method', 'PUT')
          .set('Access-Control-Request-Headers', 'authorization,content-type,if-match');
        expect(allowed.status).toBe(204);
        expect(allowed.headers['access-control-allow-origin']).toBe('https://ops.example.com');
        expect(allowed.headers['access-control-allow-methods']).toContain('PUT');
        expect(allowed.headers['access-control-allow-headers']).toMatch(/if-match/i);

        const get = await cors.http().get(LOCATIONS).set(auth(token)).set('Origin', 'http://localhost:5173').expect(200);
        expect(get.headers['access-control-allow-origin']).toBe('http://localhost:5173');
        expect(get.headers['access-control-expose-headers']).toMatch(/ETag/);
        expect(get.headers['access-control-expose-headers']).toMatch(/X-Total-Count/);

        const refused = await cors.http().get(LOCATIONS).set(auth(token)).set('Origin', 'https://evil.example').expect(200);
        expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await cors.close();
      }
    });
  });

  describe('no stack traces or SQL in any response', () => {
    it('client errors of every kind answer the plain envelope', async () => {
      const h = () => server.http();
      const responses = [
        await h().get('/no/such/route'),
        await h().get(LOCATIONS),
        await h().get(LOCATIONS).set('Authorization', "Token ' OR 1=1 --"),
        await h().get(`${LOCATIONS}/${encodeURIComponent("x' OR '1'='1")}`).set(auth(acme)),
        await h().get(`${LOCATIONS}?date_from=${encodeURIComponent("'; DROP TABLE location; --")}`).set(auth(acme)),
        await h().get(`${STATIONS}?limit=-1&offset=abc`).set(auth(acme)),
        await h().post(LOCATIONS).set(auth(acme)).set('Content-Type', 'application/json').send('{"cpo_id": "ACME",'),
        await h().post(LOCATIONS).set(auth(acme)).set('Content-Type', 'text/plain').send('hello'),
        await h().post(LOCATIONS).set(auth(acme)).set('Content-Type', 'application/json').send(`{"name":"${'x'.repeat(1_100_000)}"}`),
        await h().post(LOCATIONS).set(auth(acme)).send({ cpo_id: 'ACME', name: { $gt: '' }, __proto__: { admin: true } }),
        await h().post(STATIONS).set(auth(acme)).send({ charge_station_id: "CS'; --", evses: 'x' }),
        await h().put(`${STATIONS}/${encodeURIComponent('CS-1" OR ""="')}`).set(auth(acme)).send({}),
      ];
      for (const res of responses) {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expectEnvelopeWithoutInternals(res);
      }
    });

    it('a failing SQL statement (a table gone) answers 500 "Internal server error" and nothing else', async () => {
      const broken = await startFreshServer();
      try {
        const token = await broken.tenant('ACME');
        await broken.dataSource.query('ALTER TABLE hardware_templates RENAME TO hardware_templates_gone');
        const res = await broken.http().get('/api/1.0/ChargeStations/ChargestationTemplate').set(auth(token));
        expect(res.status).toBe(500);
        expect(res.body).toEqual({ status_code: 3000, status_message: 'Internal server error', timestamp: expect.any(String) });
        expectEnvelopeWithoutInternals(res);
      } finally {
        await broken.close();
      }
    });
  });
});

describe(`Hardening: tokens never reach the logs (${dialect})`, () => {
  it('a server logging at trace level writes no token, in any form it was sent, on any path', async () => {
    const { settings, cleanup } = await freshSettings();
    const seed = await startServer(settings);
    const token = await seed.tenant('ACME');
    const revoked = await seed.token(['ACME'], 'write');
    await new ApiTokenRepository(seed.dataSource).revoke(revoked);
    await seed.close();

    const processServer = await startServerProcess(settings, { LOG_LEVEL: 'trace' });
    try {
      const base64 = Buffer.from(token).toString('base64');
      const send = (path: string, authorization: string, init: RequestInit = {}) =>
        fetch(`${processServer.url}${path}`, { ...init, headers: { ...(init.headers ?? {}), Authorization: authorization } });
      const statuses = [
        (await send(LOCATIONS, `Token ${token}`)).status,
        (await send(LOCATIONS, `Bearer ${token}`)).status,
        (await send(LOCATIONS, `Token ${base64}`)).status,
        (await send(LOCATIONS, `Token ${revoked}`)).status,
        (await send(LOCATIONS, `Token ${token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"bad":' })).status,
        (await send('/no/such/route', `Token ${token}`)).status,
        (await send('/health/ready', `Token ${token}`)).status,
      ];
      expect(statuses).toEqual([200, 200, 200, 401, 400, 404, 200]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const logs = processServer.output();
      expect(logs.split('\n').filter(Boolean).length).toBeGreaterThan(7);
      for (const secret of [token, revoked, base64, token.slice(3)]) expect(logs).not.toContain(secret);
      expect(logs.toLowerCase()).not.toContain('authorization');
    } finally {
      await processServer.stop();
      cleanup();
    }
  });
});
