import { execFileSync } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { Webhook } from 'standardwebhooks';
import { HttpDelivery, type DeliveryResult, type HttpDeliveryOptions } from './http-delivery.js';
import { RetryPolicy } from './retry-schedule.js';
import { generateWebhookSecret, signWebhook } from './signing.js';
import { checkWebhookTarget, type ResolveAll } from './target-guard.js';

/**
 * Real receivers on 127.0.0.1 (node:http and node:https), one per test, each answering as the
 * test says. Every test is bounded by time-outs of a second or less.
 */

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Which connection it came on, numbered from 1 per receiver. */
  connection: number;
  servername?: string | false | null;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, received: Received) => void;

interface Receiver {
  port: number;
  url: string;
  requests: Received[];
  connections: number;
  close(): Promise<void>;
}

const receivers: Receiver[] = [];
const deliveries: HttpDelivery[] = [];

afterEach(async () => {
  for (const delivery of deliveries.splice(0)) delivery.close();
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(handle: Handler, tls?: { key: string; cert: string }): Promise<Receiver> {
  const requests: Received[] = [];
  const sockets = new Map<Socket, number>();
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: Received = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        connection: sockets.get(req.socket) ?? 0,
        servername: tls ? (req.socket as TLSSocket).servername : undefined,
      };
      requests.push(received);
      handle(req, res, received);
    });
  };
  const server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => sockets.set(socket, sockets.size + 1));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const made: Receiver = {
    port,
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/hooks`,
    requests,
    get connections() {
      return sockets.size;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  receivers.push(made);
  return made;
}

function delivery(options: Partial<HttpDeliveryOptions> = {}): HttpDelivery {
  const made = new HttpDelivery({ timeoutMs: 1000, allowHttp: true, allowPrivateTargets: true, ...options });
  deliveries.push(made);
  return made;
}

const answer =
  (status: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end();
  };

const event = { id: 'evt_01J9ZK3', type: 'webhook.test', timestamp: '2026-12-01T10:00:00.000Z', cpo_id: 'ACME', sequence: 1, data: {} };
const body = JSON.stringify(event);
const post = (url: string, headers: Record<string, string> = {}) => ({ url, body, headers });

/** A DNS that answers from a table; the counter shows how often it was asked. */
function fakeDns(answers: (hostname: string, call: number) => string[]): ResolveAll & { calls: number } {
  const resolve = async (hostname: string) => {
    resolve.calls++;
    return answers(hostname, resolve.calls).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  resolve.calls = 0;
  return resolve;
}

describe('answers', () => {
  it('2xx is a success; the receiver gets the signed body, verifiable with standardwebhooks', async () => {
    const target = await receiver(answer(204));
    const secret = generateWebhookSecret();
    const signed = signWebhook({ id: event.id, body }, [{ secret }]);

    const result = await delivery().deliver({ url: target.url, body, headers: { ...signed } });

    expect(result).toEqual({ ok: true, status: 204, durationMs: expect.any(Number) });
    expect(result.durationMs).toBeLessThan(1000);
    const [received] = target.requests;
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(received.headers['user-agent']).toBe('charge-stations-api-webhooks/1');
    expect(received.body).toBe(body);
    expect(new Webhook(secret).verify(received.body, received.headers as Record<string, string>)).toEqual(event);
  });

  it('our Content-Type wins over the caller’s; the caller may set its own User-Agent', async () => {
    const target = await receiver(answer(200));
    await delivery().deliver(post(target.url, { 'Content-Type': 'text/plain', 'User-Agent': 'custom/2' }));
    expect(target.requests[0].headers['content-type']).toBe('application/json');
    expect(target.requests[0].headers['user-agent']).toBe('custom/2');
  });

  it.each<[string, number, Record<string, string>, Partial<DeliveryResult>]>([
    ['500', 500, {}, { status: 500, error: { code: 'http-status', message: 'HTTP 500' } }],
    ['404', 404, {}, { status: 404, error: { code: 'http-status', message: 'HTTP 404' } }],
    ['429 with Retry-After seconds', 429, { 'Retry-After': '120' }, { status: 429, retryAfterSeconds: 120 }],
    ['503 with Retry-After in the past', 503, { 'Retry-After': 'Sun, 06 Nov 1994 08:49:37 GMT' }, { status: 503, retryAfterSeconds: 0 }],
    ['500 with Retry-After (only 429 and 503 carry it)', 500, { 'Retry-After': '120' }, { status: 500 }],
    ['410', 410, {}, { status: 410, error: { code: 'http-status', message: 'HTTP 410' } }],
  ])('%s is a failure', async (_label, status, headers, expected) => {
    const target = await receiver(answer(status, headers));
    const result = await delivery().deliver(post(target.url));
    expect(result).toMatchObject({ ok: false, ...expected });
    if (!('retryAfterSeconds' in expected)) expect(result).not.toHaveProperty('retryAfterSeconds');
  });

  it('feeds the retry policy: 429 + Retry-After → retry no sooner; 410 → disable the endpoint', async () => {
    const policy = new RetryPolicy({ jitterRatio: 0 });
    const limited = await receiver(answer(429, { 'Retry-After': '90' }));
    const gone = await receiver(answer(410));
    const now = new Date();
    expect(policy.next(1, await delivery().deliver(post(limited.url)), now)).toMatchObject({ action: 'retry', delayMs: 90_000 });
    expect(policy.next(1, await delivery().deliver(post(gone.url)), now)).toMatchObject({ action: 'disable-endpoint' });
  });

  it('a redirect is a failure and is not followed', async () => {
    const elsewhere = await receiver(answer(200));
    const target = await receiver(answer(307, { Location: elsewhere.url }));
    const result = await delivery().deliver(post(target.url));
    expect(result).toMatchObject({ ok: false, status: 307, error: { code: 'redirect', message: 'redirect (307) not followed' } });
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe('no answer', () => {
  it('a receiver that never answers times out within the bound', async () => {
    const target = await receiver(() => undefined);
    const started = Date.now();
    const result = await delivery({ timeoutMs: 300 }).deliver(post(target.url));
    const elapsed = Date.now() - started;
    expect(result).toEqual({ ok: false, durationMs: expect.any(Number), error: { code: 'timeout', message: 'no answer within 300 ms' } });
    expect(result.durationMs).toBeGreaterThanOrEqual(299);
    expect(elapsed).toBeLessThan(1000);
    expect(target.requests).toHaveLength(1);
  });

  it('a 2xx whose body never ends is still a success, and the attempt still ends at the time-out', async () => {
    const target = await receiver((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('working on it');
    });
    const started = Date.now();
    const result = await delivery({ timeoutMs: 300 }).deliver(post(target.url));
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.durationMs).toBeLessThan(300);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('connection refused', async () => {
    const closed = await receiver(answer(200));
    await closed.close();
    const result = await delivery().deliver(post(closed.url));
    expect(result).toEqual({
      ok: false,
      durationMs: expect.any(Number),
      error: { code: 'refused', message: `connection refused by 127.0.0.1:${closed.port}` },
    });
  });

  it('a host name DNS does not know', async () => {
    const dns: ResolveAll = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND hooks.example.com'), { code: 'ENOTFOUND', syscall: 'getaddrinfo' });
    };
    const result = await delivery({ resolve: dns }).deliver(post('http://hooks.example.com/hooks'));
    expect(result.error).toEqual({ code: 'dns', message: 'host could not be resolved (ENOTFOUND)' });
  });

  it('aborted by the caller (shutdown)', async () => {
    const target = await receiver(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await delivery({ timeoutMs: 5000 }).deliver(post(target.url), controller.signal);
    expect(result.error).toEqual({ code: 'aborted', message: 'delivery aborted' });
    expect(result.durationMs).toBeLessThan(1000);
  });

  it('a header node cannot send is refused before any I/O, without echoing it', async () => {
    const target = await receiver(answer(200));
    const result = await delivery().deliver(post(target.url, { 'webhook-signature': 'v1,abc\r\nX-Injected: 1' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(JSON.stringify(result)).not.toContain('abc');
    expect(target.requests).toHaveLength(0);
  });
});

describe('answer bodies', () => {
  it('10 MB back: success, at most about the limit read, then the connection closed', async () => {
    const size = 10 * 1024 * 1024;
    const target = await receiver((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) });
      res.end(Buffer.alloc(size, 0x61));
    });
    // The client side of the connection, as node announces each one it opens. (The receiver's side
    // cannot tell: the kernel takes the 10 MB into its buffers whether or not anyone reads them.)
    const opened: Socket[] = [];
    const onSocket = (message: unknown) => opened.push((message as { socket: Socket }).socket);
    subscribe('net.client.socket', onSocket);
    try {
      const result = await delivery({ maxResponseBytes: 64 * 1024 }).deliver(post(target.url));
      expect(result).toMatchObject({ ok: true, status: 200 });
    } finally {
      unsubscribe('net.client.socket', onSocket);
    }
    expect(opened).toHaveLength(1);
    expect(opened[0].destroyed).toBe(true);
    expect(opened[0].bytesRead).toBeLessThan(1024 * 1024);
  });

  it('a short answer body leaves the connection for the next delivery (keep-alive)', async () => {
    const target = await receiver((_req, res) => res.end('{"received":true}'));
    const client = delivery();
    for (let i = 0; i < 3; i++) expect((await client.deliver(post(target.url))).ok).toBe(true);
    expect(target.requests.map((r) => r.connection)).toEqual([1, 1, 1]);
  });

  it('a kept-alive connection the receiver dropped meanwhile is retried once on a new one, through the same checked lookup', async () => {
    const seen = new Map<number, number>();
    const target = await receiver((req, res, received) => {
      const count = (seen.get(received.connection) ?? 0) + 1;
      seen.set(received.connection, count);
      if (count > 1) req.socket.destroy();
      else res.end();
    });
    const dns = fakeDns(() => ['127.0.0.1']);
    const client = delivery({ resolve: dns });
    const url = `http://receiver.example.com:${target.port}/hooks`;
    expect(await client.deliver(post(url))).toMatchObject({ ok: true });
    expect(await client.deliver(post(url))).toMatchObject({ ok: true, status: 200 });
    expect(target.requests.map((r) => r.connection)).toEqual([1, 1, 2]);
    expect(dns.calls).toBe(2);
  });

  it('the idle-connection time-out does not cut an attempt that is still waiting for its answer', async () => {
    const target = await receiver((_req, res) => setTimeout(() => res.end(), 400));
    const result = await delivery({ timeoutMs: 2000, idleSocketTimeoutMs: 100 }).deliver(post(target.url));
    expect(result).toMatchObject({ ok: true, status: 200 });
  });

  it('bounds the connections to one origin', async () => {
    let open = 0;
    let most = 0;
    const target = await receiver((_req, res) => {
      most = Math.max(most, ++open);
      setTimeout(() => {
        open--;
        res.end();
      }, 30);
    });
    const client = delivery({ maxSocketsPerOrigin: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => client.deliver(post(target.url))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(most).toBe(2);
    expect(target.connections).toBe(2);
  });
});

describe('targets, checked again at delivery and at connect time', () => {
  const publicOnly = { allowHttp: true, allowPrivateTargets: false };

  it.each(['http://127.0.0.1:PORT/hooks', 'http://2130706433:PORT/hooks', 'http://[::ffff:127.0.0.1]:PORT/hooks'])(
    'the literal %s is refused when private targets are not allowed, accepted when they are',
    async (pattern) => {
      const target = await receiver(answer(200));
      const url = pattern.replace('PORT', String(target.port));
      expect(await delivery(publicOnly).deliver(post(url))).toMatchObject({ ok: false, error: { code: 'blocked-target' } });
      expect(target.requests).toHaveLength(0);
      if (!url.includes('[')) expect(await delivery().deliver(post(url))).toMatchObject({ ok: true });
    },
  );

  it('localhost (resolved by the system) is refused unless private targets are allowed', async () => {
    const target = await receiver(answer(200));
    const url = `http://localhost:${target.port}/hooks`;
    const refused = await delivery(publicOnly).deliver(post(url));
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked-target' } });
    expect(refused.error?.message).toMatch(/^host localhost resolves to 127\.0\.0\.1, a loopback address; /);
    expect(target.requests).toHaveLength(0);
    expect(await delivery().deliver(post(url))).toMatchObject({ ok: true, status: 200 });
    expect(target.requests[0].headers.host).toBe(`localhost:${target.port}`);
  });

  it('DNS rebinding: a name public when the endpoint was created and private at delivery is refused at connect time', async () => {
    const target = await receiver(answer(200));
    const dns = fakeDns((_hostname, call) => (call === 1 ? ['93.184.216.34'] : ['127.0.0.1']));
    const url = `http://rebind.example.com:${target.port}/hooks`;
    expect(await checkWebhookTarget(url, publicOnly, dns)).toMatchObject({ ok: true });
    const result = await delivery({ ...publicOnly, resolve: dns }).deliver(post(url));
    expect(result).toMatchObject({ ok: false, error: { code: 'blocked-target' } });
    expect(result.error?.message).toBe('host rebind.example.com resolves to 127.0.0.1, a loopback address; webhooks are sent to public addresses only');
    expect(dns.calls).toBe(2);
    expect(target.requests).toHaveLength(0);
  });

  it('one private address among public ones is enough to refuse', async () => {
    const dns = fakeDns(() => ['93.184.216.34', '10.0.0.7']);
    const result = await delivery({ ...publicOnly, resolve: dns }).deliver(post('http://mixed.example.com/hooks'));
    expect(result.error?.message).toMatch(/^host mixed\.example\.com resolves to 10\.0\.0\.7, a private address/);
  });

  it('connects to the address DNS gave, keeping the host name in the Host header', async () => {
    const target = await receiver(answer(200));
    const dns = fakeDns(() => ['127.0.0.1']);
    const result = await delivery({ resolve: dns }).deliver(post(`http://receiver.example.com:${target.port}/hooks`));
    expect(result).toMatchObject({ ok: true });
    expect(target.requests[0].headers.host).toBe(`receiver.example.com:${target.port}`);
  });

  it.each<[string, string, string]>([
    ['http when only https is allowed', 'http://hooks.example.com/hooks', 'url must use https'],
    ['credentials in the URL', 'https://user:s3cret@hooks.example.com/hooks', 'url must not contain a user name or password'],
    ['not a URL', 'hooks.example.com/hooks?token=s3cret', 'url must be an absolute URL, e.g. https://example.com/webhooks'],
  ])('%s → refused without a connection, the URL not repeated', async (_label, url, message) => {
    const dns = fakeDns(() => ['93.184.216.34']);
    const result = await delivery({ allowHttp: false, allowPrivateTargets: false, resolve: dns }).deliver(post(url));
    expect(result.error?.message).toBe(message);
    expect(JSON.stringify(result)).not.toContain('s3cret');
    expect(dns.calls).toBe(0);
  });
});

describe('https', () => {
  let dir: string;
  let tls: { key: string; cert: string };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'webhook-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('connects to the pinned 127.0.0.1 with SNI, certificate check and Host on the host name', async () => {
    const target = await receiver(answer(200), tls);
    const url = `https://localhost:${target.port}/hooks`;
    const result = await delivery({ allowHttp: false, extraCaCertificates: [tls.cert] }).deliver(post(url));
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(target.requests[0].servername).toBe('localhost');
    expect(target.requests[0].headers.host).toBe(`localhost:${target.port}`);
  });

  it('a certificate nobody vouches for is a tls failure', async () => {
    const target = await receiver(answer(200), tls);
    const result = await delivery({ allowHttp: false }).deliver(post(`https://localhost:${target.port}/hooks`));
    expect(result).toMatchObject({ ok: false, error: { code: 'tls' } });
    expect(target.requests).toHaveLength(0);
  });

  it('a certificate for another name is a tls failure', async () => {
    const target = await receiver(answer(200), tls);
    const dns = fakeDns(() => ['127.0.0.1']);
    const result = await delivery({ extraCaCertificates: [tls.cert], resolve: dns }).deliver(post(`https://hooks.example.com:${target.port}/hooks`));
    expect(result).toEqual({ ok: false, durationMs: expect.any(Number), error: { code: 'tls', message: 'TLS: ERR_TLS_CERT_ALTNAME_INVALID' } });
  });

  it('https to a plain http receiver is a tls failure', async () => {
    const target = await receiver(answer(200));
    const result = await delivery().deliver(post(target.url.replace('http:', 'https:')));
    expect(result).toMatchObject({ ok: false, error: { code: 'tls' } });
  });
});
