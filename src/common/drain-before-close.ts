import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * How much of a refused body is read past the body limit before the connection is closed anyway.
 * Reading it costs time and bandwidth but no memory (nothing is kept); 16 MiB lets the usual mistake,
 * an upload a few times too large (10 MiB must get its 413), read the answer, while one refusal
 * never costs more reading than that. A fixed amount, not a multiple of the limit: what a refusal
 * may cost does not grow with what the service accepts.
 */
export const DRAIN_BEYOND_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * How long draining may take: no byte for `idleMs`, or `totalMs` in all, and the answer goes out at
 * once. nginx's lingering close (the same problem) waits 5 s and 30 s.
 */
export const DRAIN_TIME_BOUNDS = { idleMs: 5_000, totalMs: 30_000 };

export interface DrainBounds {
  maxBytes: number;
  idleMs: number;
  totalMs: number;
}

/** `drained`: the body was read to its end, so the connection can close without losing the answer. */
export type DrainOutcome = 'drained' | 'too-large' | 'stalled' | 'too-slow' | 'aborted';

/**
 * Fastify answers some errors before it has read the request body: a 413 as soon as `Content-Length`
 * is over the limit, or as soon as a chunked body passes it. It marks such answers
 * `Connection: close`, and Node's HTTP server destroys the socket the moment the answer is written.
 * Bytes the client is still sending then arrive at a closed socket: the kernel answers them with a
 * reset, the client gets EPIPE or ECONNRESET while writing, and the reset can discard the answer
 * before the client reads it.
 *
 * So an answer that closes the connection waits until the rest of the body has been read and thrown
 * away, chunk by chunk (nothing is kept). A body that is more than `DRAIN_BEYOND_LIMIT_BYTES` past
 * the limit, or a client that sends too slowly (`DRAIN_TIME_BOUNDS`), is answered right away and the
 * connection closed: then the client may miss the answer, but cannot keep the server reading.
 * Answers that keep the connection open (a 415, a 404) are left alone: Node reads and discards the
 * rest of the body itself after such an answer.
 */
export function registerDrainBeforeClose(fastify: FastifyInstance, bodyLimitBytes: number): void {
  const maxBytes = bodyLimitBytes + DRAIN_BEYOND_LIMIT_BYTES;
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.raw.complete || !closesConnection(reply)) return done(null, payload);
    // With Content-Length the rest is known (and the parser never passes more); a chunked body was
    // refused once past the limit, so up to DRAIN_BEYOND_LIMIT_BYTES more are read.
    const declared = Number(request.headers['content-length']);
    if (declared > maxBytes) return done(null, payload);
    const rest = Number.isNaN(declared) ? DRAIN_BEYOND_LIMIT_BYTES : declared;
    void discardBody(request.raw, { maxBytes: rest, ...DRAIN_TIME_BOUNDS }).then((outcome) => {
      if (outcome !== 'drained') logUndrained(request, outcome);
      done(null, payload);
    });
  });
}

/** The answer ends the connection: Fastify said so, or the client did (`Connection: close`, HTTP/1.0). */
function closesConnection(reply: FastifyReply): boolean {
  return !reply.raw.shouldKeepAlive || /\bclose\b/i.test(String(reply.getHeader('connection') ?? ''));
}

function logUndrained(request: FastifyRequest, outcome: DrainOutcome): void {
  request.log.info({ outcome }, 'request body not read to its end: answered and closed');
}

/**
 * Reads `body` to its end and discards it. Resolves (never rejects) once the end is reached, more
 * than `maxBytes` arrived, no byte came for `idleMs`, `totalMs` passed, or the client went away.
 */
export function discardBody(body: Readable, bounds: DrainBounds): Promise<DrainOutcome> {
  return new Promise((resolve) => {
    let received = 0;
    const finish = (outcome: DrainOutcome) => {
      clearTimeout(idle);
      clearTimeout(total);
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onAbort);
      body.off('close', onClose);
      if (outcome !== 'drained') body.pause();
      resolve(outcome);
    };
    const onData = (chunk: Buffer | string) => {
      received += chunk.length;
      if (received > bounds.maxBytes) finish('too-large');
      else idle.refresh();
    };
    const onEnd = () => finish('drained');
    const onAbort = () => finish('aborted');
    const onClose = () => finish(body.readableEnded ? 'drained' : 'aborted');
    const idle = setTimeout(() => finish('stalled'), bounds.idleMs);
    const total = setTimeout(() => finish('too-slow'), bounds.totalMs);
    if (body.readableEnded) return finish('drained');
    if (body.destroyed) return finish('aborted');
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onAbort);
    body.once('close', onClose);
    body.resume();
  });
}
