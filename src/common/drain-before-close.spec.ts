import { Buffer } from 'node:buffer';
import { PassThrough } from 'node:stream';
import { discardBody } from './drain-before-close.js';

const BOUNDS = { maxBytes: 1000, idleMs: 60, totalMs: 400 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('discardBody', () => {
  it('reads a body to its end: drained', async () => {
    const body = new PassThrough();
    const outcome = discardBody(body, BOUNDS);
    body.write(Buffer.alloc(600));
    body.end(Buffer.alloc(400));
    expect(await outcome).toBe('drained');
  });

  it('a body that has already ended is drained', async () => {
    const body = new PassThrough();
    body.end();
    body.resume();
    await sleep(0);
    expect(await discardBody(body, BOUNDS)).toBe('drained');
  });

  it('stops past maxBytes and reads no further', async () => {
    const body = new PassThrough();
    const outcome = discardBody(body, BOUNDS);
    body.write(Buffer.alloc(1001));
    expect(await outcome).toBe('too-large');
    expect(body.isPaused()).toBe(true);
  });

  it('gives up on a client that sends nothing for idleMs', async () => {
    const started = Date.now();
    expect(await discardBody(new PassThrough(), BOUNDS)).toBe('stalled');
    expect(Date.now() - started).toBeGreaterThanOrEqual(BOUNDS.idleMs - 5);
  });

  it('gives up after totalMs on a client that trickles a byte now and then', async () => {
    const body = new PassThrough();
    const started = Date.now();
    const trickle = setInterval(() => body.write('x'), BOUNDS.idleMs / 3);
    try {
      expect(await discardBody(body, BOUNDS)).toBe('too-slow');
    } finally {
      clearInterval(trickle);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(BOUNDS.totalMs - 5);
  });

  it('ends when the client goes away, without an unhandled error', async () => {
    const body = new PassThrough();
    const outcome = discardBody(body, BOUNDS);
    body.write(Buffer.alloc(10));
    body.destroy(new Error('aborted'));
    expect(await outcome).toBe('aborted');
  });
});
