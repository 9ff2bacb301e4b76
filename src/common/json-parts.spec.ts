import { BufferPool, JsonParts } from './json-parts.js';

describe('JsonParts', () => {
  it('writes byte ranges and text (any UTF-8) in order, with what goes before and after', () => {
    const parts = new JsonParts();
    const stored = Buffer.from('xx{"a":"€"}yy');
    parts.text('[');
    parts.bytes(stored, 2, stored.length - 2);
    const placeholder = parts.text('');
    parts.text(']');
    parts.setText(placeholder, ',"ünï 🚗"');
    expect(parts.toBuffer('{"data":', '}').toString()).toBe('{"data":[{"a":"€"},"ünï 🚗"]}');
  });

  it('truncate drops the parts added after a point', () => {
    const parts = new JsonParts();
    parts.text('keep');
    const mark = parts.length;
    parts.text('drop');
    parts.bytes(Buffer.from('drop too'), 0, 8);
    parts.truncate(mark);
    expect(parts.toBuffer().toString()).toBe('keep');
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
