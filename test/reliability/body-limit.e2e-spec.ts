import type { Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DRAIN_BEYOND_LIMIT_BYTES, DRAIN_TIME_BOUNDS } from '../../src/common/drain-before-close.js';
import { auth, dialect, startFreshServer, tableFingerprint, type TestServer } from '../support/server.js';
import { type Framing, upload, type Upload, type UploadResult } from './support/raw-upload.js';

const LOCATIONS = '/api/2.0/Locations';
const MiB = 1024 * 1024;
const FRAMINGS: Framing[] = ['content-length', 'chunked'];
const ROUNDS = 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Memory after full collections; V8 frees array buffers in the background, so it is given a moment. */
async function memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage();
}

/** What one oversized upload came to, in one comparable line. */
function outcome(result: UploadResult, size: number): string {
  const { response, error } = result;
  if (result.timedOut) return 'connection still open after the timeout';
  if (error) return `socket ${error.code} ${error.afterResponse ? 'after' : 'before'} the answer`;
  if (result.sent !== size) return `only ${result.sent} of ${size} bytes sent`;
  if (!response) return 'no answer';
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(response.text) as Record<string, unknown>;
  } catch {
    return `${response.status} with a body that is not JSON`;
  }
  const envelope =
    typeof body.status_message === 'string' && typeof body.timestamp === 'string' && /Z$/.test(body.timestamp) && !('data' in body)
      ? 'envelope'
      : 'no envelope';
  return `${response.status} ${String(body.status_code)} ${envelope} connection: ${response.headers.connection}`;
}

const REFUSED = '413 2000 envelope connection: close';

describe(`Oversized request bodies: the client reads the 413 (${dialect})`, () => {
  let server: TestServer;
  let acme: string;
  let acmeRead: string;
  let limit: number;

  beforeAll(async () => {
    server = await startFreshServer();
    acme = await server.tenant('ACME');
    acmeRead = await server.token(['ACME'], 'read');
    limit = server.settings.bodyLimitBytes;
  });

  afterAll(async () => {
    await server?.close();
  });

  const send = (options: Omit<Upload, 'path'> & { path?: string }) => upload(server.url, { path: LOCATIONS, ...options });
  /** The server's end of the next connection. */
  const nextServerSocket = () => new Promise<Socket>((resolve) => server.app.getHttpServer().once('connection', resolve));

  describe.each(FRAMINGS)('with %s', (framing) => {
    it.each([1.5, 5, 10])(`%p MiB, ${ROUNDS} times in a row: every time the whole body is sent and the 413 envelope read`, async (mib) => {
      const size = Math.round(mib * MiB);
      const outcomes: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        outcomes.push(outcome(await send({ framing, size, headers: auth(acme) }), size));
      }
      expect(outcomes).toEqual(Array<string>(ROUNDS).fill(REFUSED));
    });

    // The size is checked while the body is read, before any guard runs: a refusal that needs no
    // token lookup, tells nothing the published limit does not, and is the same for every caller.
    it('answers 413 before authentication: without a token, with a read-only token, and writes nothing', async () => {
      const before = await tableFingerprint(server.dataSource, 'locations');
      const size = 5 * MiB;
      expect(outcome(await send({ framing, size }), size)).toBe(REFUSED);
      expect(outcome(await send({ framing, size, headers: { Authorization: 'Token not-a-token' } }), size)).toBe(REFUSED);
      expect(outcome(await send({ framing, size, headers: auth(acmeRead) }), size)).toBe(REFUSED);
      expect(await tableFingerprint(server.dataSource, 'locations')).toBe(before);
      // a body within the limit still meets authentication first
      await server.http().post(LOCATIONS).send({ name: 'x' }).expect(401);
    });

    it('holds no discarded bytes in memory while it drains', async () => {
      const size = 12 * MiB;
      const pauseAt = 10 * MiB;
      const baseline = await memoryAfterGc();
      let resume!: () => void;
      const connected = nextServerSocket();
      const answer = send({ framing, size, headers: auth(acme), pause: { at: pauseAt, until: new Promise<void>((r) => (resume = r)) } });

      const serverSocket = await connected;
      const deadline = Date.now() + 10_000;
      while (serverSocket.bytesRead < pauseAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(serverSocket.bytesRead).toBeGreaterThanOrEqual(pauseAt);
      const during = await memoryAfterGc();
      resume();

      expect(outcome(await answer, size)).toBe(REFUSED);
      // 10 MiB have been read and thrown away; kept, they would show here
      expect(during.arrayBuffers - baseline.arrayBuffers).toBeLessThan(MiB);
      expect(during.heapUsed - baseline.heapUsed).toBeLessThan(4 * MiB);
    });

    it(`stops reading ${DRAIN_BEYOND_LIMIT_BYTES / MiB} MiB past the limit and closes the connection`, async () => {
      const size = limit + DRAIN_BEYOND_LIMIT_BYTES + 8 * MiB;
      const connected = nextServerSocket();
      const result = await send({ framing, size, headers: auth(acme) });
      expect(result.timedOut).toBe(false);
      expect(result.sent < size || result.error !== undefined).toBe(true);
      expect((await connected).bytesRead).toBeLessThan(limit + DRAIN_BEYOND_LIMIT_BYTES + 2 * MiB);
    });
  });

  it(`answers a client that stops sending after ${DRAIN_TIME_BOUNDS.idleMs / 1000} s without a byte, and closes`, async () => {
    const size = 5 * MiB;
    const result = await send({ framing: 'content-length', size, headers: auth(acme), stopAt: 2 * MiB });
    expect(result.error).toBeUndefined();
    expect(result.response?.status).toBe(413);
    expect(JSON.parse(result.response!.text)).toMatchObject({ status_code: 2000 });
    expect(result.response?.headers.connection).toBe('close');
    expect(result.respondedAfterMs).toBeGreaterThanOrEqual(DRAIN_TIME_BOUNDS.idleMs - 100);
    expect(result.respondedAfterMs).toBeLessThan(DRAIN_TIME_BOUNDS.idleMs + 3_000);
  });

  it('leaves the other refusals of a body as they were: 415 for text/plain (read to its end when the client asks to close), 400 for malformed JSON', async () => {
    for (const connection of ['keep-alive', 'close']) {
      const headers = { ...auth(acme), 'Content-Type': 'text/plain', Connection: connection };
      const mediaType = await send({ framing: 'content-length', size: 5 * MiB, headers });
      expect(mediaType.error).toBeUndefined();
      expect(mediaType.response?.status).toBe(415);
      expect(JSON.parse(mediaType.response!.text)).toMatchObject({ status_code: 2000 });
    }

    const malformed = await server
      .http()
      .post(LOCATIONS)
      .set(auth(acme))
      .set('Content-Type', 'application/json')
      .send(`{"name": "${'x'.repeat(limit / 2)}`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.status_code).toBe(2001);
  });

  it('stays healthy afterwards: probes answer and a write within the limit is created', async () => {
    await server.http().get('/health/live').expect(200);
    await server.http().get('/health/ready').expect(200);
    const created = await server
      .http()
      .post(LOCATIONS)
      .set(auth(acme))
      .send({
        cpo_id: 'ACME',
        name: 'After the big bodies',
        address: 'Stationsplein 1',
        city: 'Amsterdam',
        postal_code: '1012AB',
        country: 'NLD',
        coordinates: { latitude: '52.37880', longitude: '4.90030' },
      });
    expect(created.status).toBe(201);
  });
});
