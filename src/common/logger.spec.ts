import { Writable } from 'node:stream';
import { createLogger, isPretty } from './logger.js';

/** A stdout stand-in that keeps what is written. */
function terminal(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (chunks.push(String(chunk)), done()) });
  return Object.assign(sink, { isTTY, text: () => chunks.join('') });
}

/** Text without its ANSI colour sequences (ESC [ … m). */
const stripColours = (text: string) => text.split(String.fromCharCode(27)).map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, ''))).join('');

describe('createLogger', () => {
  it.each([
    ['auto', true, true],
    ['auto', false, false],
    ['auto', undefined, false],
    ['json', true, false],
    ['pretty', false, true],
  ] as const)('format %s with stdout.isTTY %s is pretty: %s', (format, isTTY, expected) => {
    expect(isPretty(format, { isTTY })).toBe(expected);
  });

  const record = { reqId: 'r-1', req: { method: 'GET', url: '/api/2.0/Locations', headers: { authorization: 'Token cs_secret' } } };

  it('writes one JSON object per line when stdout is not a terminal, without the Authorization header', async () => {
    const out = terminal(false);
    createLogger('info', 'auto', out).info(record, 'request completed');
    await new Promise((resolve) => setImmediate(resolve));
    const line = JSON.parse(out.text().trim());
    expect(line).toMatchObject({ level: 30, msg: 'request completed', reqId: 'r-1', service: 'charge-stations-api', req: { method: 'GET', headers: {} } });
    expect(out.text()).not.toContain('cs_secret');
  });

  it('writes readable lines on a terminal, without the Authorization header', () => {
    const out = terminal(true);
    createLogger('info', 'auto', out).info(record, 'incoming request');
    const text = stripColours(out.text());
    expect(text).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: incoming request GET \/api\/2\.0\/Locations \{"reqId":"r-1"\}\n$/);
    expect(() => JSON.parse(text)).toThrow();
    expect(text).not.toContain('cs_secret');
  });
});
