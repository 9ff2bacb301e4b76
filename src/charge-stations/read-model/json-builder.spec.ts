import fc from 'fast-check';
import { BufferPool, JsonBuilder, TIMESTAMP_MAX, writeTimestamp } from './json-builder.js';

describe('JsonBuilder', () => {
  it('writes byte ranges, ASCII, any text and timestamps in order, with what goes before and after', () => {
    const json = new JsonBuilder();
    const stored = Buffer.from('xx{"a":"€","b":"a range longer than a short copy"}yy');
    json.ascii('[');
    json.bytes(stored, 2, stored.length - 2);
    json.text(',"ünï 🚗",');
    json.bytes(Buffer.from('"x"'), 0, 3);
    json.ascii(',"');
    json.timestamp(Date.UTC(2026, 10, 24, 5, 6, 7, 89));
    json.ascii('"]');
    expect(json.toBuffer('{"data":', '}').toString()).toBe('{"data":[{"a":"€","b":"a range longer than a short copy"},"ünï 🚗","x","2026-11-24T05:06:07.089Z"]}');
  });

  it('puts text given later into the placeholders it left', () => {
    const json = new JsonBuilder();
    json.ascii('[');
    const first = json.placeholder();
    json.ascii(',');
    const second = json.placeholder();
    json.ascii(',3]');
    json.fill(second, '"zwei"');
    json.fill(first, '"één"');
    expect(json.toBuffer('{"data":', '}').toString()).toBe('{"data":["één","zwei",3]}');
  });

  it('truncate drops what was written after a mark', () => {
    const json = new JsonBuilder();
    json.ascii('keep');
    const mark = json.length;
    json.text('drop');
    json.bytes(Buffer.from('drop too'), 0, 8);
    json.truncate(mark);
    expect(json.toBuffer().toString()).toBe('keep');
  });

  it('grows past its first size, from its pool, and gives the outgrown buffer back', () => {
    const pool = new BufferPool(4, 64 * 1024, 1024 * 1024);
    const json = new JsonBuilder(10, pool);
    const chunk = Buffer.from('0123456789'.repeat(1000));
    for (let i = 0; i < 100; i++) json.bytes(chunk, 0, chunk.length);
    expect(json.length).toBe(1_000_000);
    const out = json.toBuffer('{"data":"', '"}');
    expect(out.length).toBe(1_000_011);
    expect(out.subarray(0, 19).toString()).toBe('{"data":"0123456789');
    expect(out.subarray(out.length - 3).toString()).toBe('9"}');
    // The outgrown 512 KB buffer went back to the pool.
    expect(pool.take(300 * 1024).length).toBe(512 * 1024);
  });

  it('copes with a `before` longer than the room it keeps for it', () => {
    const json = new JsonBuilder();
    json.ascii('1');
    expect(json.toBuffer('{"a-rather-long-key-before":', '}').toString()).toBe('{"a-rather-long-key-before":1}');
  });
});

describe('BufferPool', () => {
  it('hands out a returned buffer again for the same size class, and no other', () => {
    const pool = new BufferPool(2, 64 * 1024, 1024 * 1024);
    const first = pool.take(100 * 1024);
    expect(first.length).toBe(128 * 1024);
    pool.give(first.subarray(0, 10));
    expect(pool.take(70 * 1024).buffer).toBe(first.buffer);
    expect(pool.take(70 * 1024).buffer).not.toBe(first.buffer);
    expect(pool.take(300 * 1024).length).toBe(512 * 1024);
  });

  it('keeps nothing it did not size: small pooled buffers, oversized ones, or beyond its count', () => {
    const pool = new BufferPool(1, 64 * 1024, 1024 * 1024);
    pool.give(Buffer.from('tiny'));
    // Below the smallest class: exactly the size asked for, never kept.
    const small = pool.take(3000);
    expect(small.length).toBe(3000);
    pool.give(small);
    const again = pool.take(3000);
    expect(again.buffer === small.buffer && again.byteOffset === small.byteOffset).toBe(false);
    const big = pool.take(2 * 1024 * 1024);
    expect(big.length).toBe(2 * 1024 * 1024);
    pool.give(big);
    expect(pool.take(2 * 1024 * 1024).buffer).not.toBe(big.buffer);
    const a = pool.take(64 * 1024);
    const b = pool.take(64 * 1024);
    pool.give(a);
    pool.give(b);
    expect(pool.take(64 * 1024).buffer).toBe(a.buffer);
    expect(pool.take(64 * 1024).buffer).not.toBe(b.buffer);
  });
});

describe('writeTimestamp', () => {
  const written = (epochMs: number): string => {
    const out = Buffer.alloc(4 + TIMESTAMP_MAX + 4, 0x2d);
    const end = writeTimestamp(epochMs, out, 4);
    expect(out.subarray(0, 4).toString()).toBe('----');
    expect(out.subarray(end).toString()).toBe('-'.repeat(out.length - end));
    return out.subarray(4, end).toString('latin1');
  };

  it('writes the bytes of toISOString for any millisecond, in place, touching nothing around them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (epochMs) => {
        expect(written(epochMs)).toBe(new Date(epochMs).toISOString());
      }),
      { numRuns: 2000 },
    );
    for (const epochMs of [0, -1, Date.UTC(1969, 6, 20, 20, 17), Date.UTC(10000, 0, 1), Date.UTC(275759, 0, 1), 1.5, Date.UTC(2024, 1, 29, 23, 59, 59, 999)]) {
      expect(written(epochMs)).toBe(new Date(epochMs).toISOString());
    }
  });
});
