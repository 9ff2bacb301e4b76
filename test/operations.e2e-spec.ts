import { request as httpRequest } from 'node:http';
import { startServerProcess } from './support/processes.js';
import { auth, dialect, startFreshServer, type TestServer } from './support/server.js';

/** Sends a POST whose body arrives in two parts; `between` runs after the first part is on the wire. */
function slowPost(url: string, path: string, token: string, body: object, between: () => Promise<unknown>): Promise<{ status: number; body: string }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length, ...auth(token) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.write(payload.subarray(0, 10));
    setTimeout(() => {
      between().catch(reject);
      setTimeout(() => req.end(payload.subarray(10)), 300);
    }, 100);
  });
}

describe(`Operating the service (${dialect})`, () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startFreshServer();
    token = await server.tenant('ACME');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('on SIGTERM a server process finishes the request in flight, then exits 0', async () => {
    const child = await startServerProcess(server.settings);
    let exit: Promise<number | null> | undefined;
    const location = { cpo_id: 'ACME', id: 'GRACE-1', name: 'L', address: 'A', city: 'C', postal_code: 'P', country: 'NLD' };
    const response = await slowPost(child.url, '/api/2.0/Locations', token, location, async () => {
      exit = child.signal('SIGTERM');
    });
    expect(response.status).toBe(201);
    expect(await exit).toBe(0);
    await server.http().get('/api/2.0/Locations/GRACE-1').set(auth(token)).expect(200);
  });

  it('writes JSON log lines carrying the request and correlation ids, and never the token', async () => {
    const child = await startServerProcess(server.settings, { LOG_LEVEL: 'info' });
    try {
      await fetch(`${child.url}/api/2.0/Locations`, {
        headers: { ...auth(token), 'X-Request-ID': 'req-log-1', 'X-Correlation-ID': 'corr-log-1' },
      });
      await new Promise((r) => setTimeout(r, 200));
      const lines = child
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const ours = lines.filter((line) => line.reqId === 'req-log-1');
      expect(ours.length).toBeGreaterThanOrEqual(2);
      for (const line of ours) expect(line.correlationId).toBe('corr-log-1');
      expect(child.output()).not.toContain(token);
    } finally {
      await child.stop();
    }
  });
});
