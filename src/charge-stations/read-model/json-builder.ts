import { DAY_MS, dayPrefix, YEAR_10000 } from '../../common/time.js';
import type { SerialisedJson } from '../../common/envelope.js';

/** Room kept in front of what a builder holds, for what toBuffer puts before it (the envelope's `{"data":`). */
const HEAD_ROOM = 16;

/**
 * JSON (UTF-8) written straight into one growing buffer as it is put together: byte ranges of
 * stored documents, ASCII and other text, formatted timestamps. A list page is a few hundred KB in
 * about two thousand pieces, written where they end up, without a string or an object per piece
 * (what that saved: bench/ANALYSIS.md, "Measured reasons in the code"). Placeholders leave a place for text that
 * is only known later (a station read whole after the others were written). The buffer comes from
 * `pool` and goes back to it when the answer made by toBuffer has been sent (the envelope hook).
 */
export class JsonBuilder implements SerialisedJson {
  private buffer: Buffer;
  private at = HEAD_ROOM;
  /** Placeholders: where each goes (a position in `buffer`) and its text once known. */
  private readonly slots: { at: number; text: string }[] = [];

  /** `capacity`: the expected size in bytes (it grows as needed). */
  constructor(
    capacity = 1024,
    private readonly pool: BufferPool = responseBuffers,
  ) {
    this.buffer = pool.take(HEAD_ROOM + capacity);
  }

  /** Bytes written so far: a mark for truncate. */
  get length(): number {
    return this.at - HEAD_ROOM;
  }

  /** A byte range of a UTF-8 buffer. */
  bytes(source: Buffer, start: number, end: number): void {
    const size = end - start;
    if (this.at + size > this.buffer.length) this.grow(size);
    const { buffer } = this;
    if (size < 24) {
      // Shorter than the cost of a native copy.
      let at = this.at;
      for (let i = start; i < end; i++) buffer[at++] = source[i];
    } else {
      source.copy(buffer, this.at, start, end);
    }
    this.at += size;
  }

  /** Text known to be ASCII (keys, numbers, enum values): written without the UTF-8 encoder. */
  ascii(text: string): void {
    if (this.at + text.length > this.buffer.length) this.grow(text.length);
    const { buffer } = this;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    this.at = at;
  }

  /** Any text, as UTF-8. */
  text(text: string): void {
    if (this.at + 3 * text.length > this.buffer.length) this.grow(3 * text.length);
    this.at += this.buffer.write(text, this.at);
  }

  /** A timestamp as the API writes them (formatTimestamp), without making its string. */
  timestamp(epochMs: number): void {
    if (this.at + TIMESTAMP_MAX > this.buffer.length) this.grow(TIMESTAMP_MAX);
    this.at = writeTimestamp(epochMs, this.buffer, this.at);
  }

  /** A place for text given later with fill (empty unless filled). */
  placeholder(): number {
    return this.slots.push({ at: this.at, text: '' }) - 1;
  }

  fill(slot: number, text: string): void {
    this.slots[slot].text = text;
  }

  /** Drops everything written after `length` (a mark taken with `length`; no placeholder may lie after it). */
  truncate(length: number): void {
    this.at = HEAD_ROOM + length;
  }

  /**
   * Everything, with `before` and `after` around it, as one buffer (a view of the builder's own
   * buffer: no copy unless placeholders were filled). The builder is used up.
   */
  toBuffer(before = '', after = ''): Buffer {
    if (this.slots.length > 0) this.spliceSlots();
    this.text(after);
    const head = Buffer.byteLength(before);
    if (head <= HEAD_ROOM) {
      this.buffer.write(before, HEAD_ROOM - head);
      return this.buffer.subarray(HEAD_ROOM - head, this.at);
    }
    const out = this.pool.take(head + this.length);
    out.write(before, 0);
    this.buffer.copy(out, head, HEAD_ROOM, this.at);
    this.pool.give(this.buffer);
    return out.subarray(0, head + this.length);
  }

  /** Gives the buffer of an answer made by toBuffer back to the pool, once it has been sent. */
  release(buffer: Buffer): void {
    this.pool.give(buffer);
  }

  /** The placeholders' texts put in their places: the rare path (stations read whole), one copy. */
  private spliceSlots(): void {
    const old = this.buffer;
    const end = this.at;
    let size = end;
    for (const slot of this.slots) size += 3 * slot.text.length;
    this.buffer = this.pool.take(size);
    this.at = 0;
    let from = 0;
    for (const slot of this.slots) {
      this.bytes(old, from, slot.at);
      this.text(slot.text);
      from = slot.at;
    }
    this.bytes(old, from, end);
    this.slots.length = 0;
    this.pool.give(old);
  }

  private grow(size: number): void {
    const next = this.pool.take(Math.max(2 * this.buffer.length, this.at + size));
    this.buffer.copy(next, 0, 0, this.at);
    this.pool.give(this.buffer);
    this.buffer = next;
  }
}

/**
 * Large response buffers for reuse: a list page's answer is a few hundred KB, and allocating one per
 * request left the memory allocator with freed blocks it did not give back (peak RSS grew with the
 * request rate). A buffer goes back once its response has been handed to the operating system.
 */
export class BufferPool {
  private readonly free = new Map<number, Buffer[]>();

  constructor(
    private readonly perSize = 16,
    private readonly smallest = 64 * 1024,
    private readonly largest = 8 * 1024 * 1024,
  ) {}

  /**
   * A buffer of at least `size` bytes (its length is the size class: use a subarray). Below the
   * smallest class (a GET of one station) a plain allocation: cheap, and not worth a pooled 64 KB.
   */
  take(size: number): Buffer {
    if (size < this.smallest) return Buffer.allocUnsafe(size);
    if (size > this.largest) return Buffer.allocUnsafeSlow(size);
    const capacity = Math.max(this.smallest, 2 ** Math.ceil(Math.log2(size)));
    return this.free.get(capacity)?.pop() ?? Buffer.allocUnsafeSlow(capacity);
  }

  /** Returns a buffer from take (any view of it); it must no longer be in use. */
  give(buffer: Buffer): void {
    const capacity = buffer.buffer.byteLength;
    if (capacity < this.smallest || capacity > this.largest || capacity !== 2 ** Math.round(Math.log2(capacity))) return;
    const list = this.free.get(capacity) ?? [];
    if (list.length >= this.perSize) return;
    list.push(Buffer.from(buffer.buffer, 0, capacity));
    this.free.set(capacity, list);
  }
}

/** The buffers of answers built as bytes (JsonBuilder); each goes back once its answer has been sent (release). */
export const responseBuffers = new BufferPool();

/** The most bytes writeTimestamp writes (a six-digit year with its sign). */
export const TIMESTAMP_MAX = 27;

/**
 * formatTimestamp's text written as bytes into `out` at `at` (it must have room for TIMESTAMP_MAX),
 * without making a string; returns where it ended.
 */
export function writeTimestamp(epochMs: number, out: Buffer, at: number): number {
  if (!Number.isInteger(epochMs) || epochMs < 0 || epochMs >= YEAR_10000) return at + out.write(new Date(epochMs).toISOString(), at, 'latin1');
  const day = Math.floor(epochMs / DAY_MS);
  const prefix = dayPrefix(day);
  for (let i = 0; i < prefix.length; i++) out[at++] = prefix.charCodeAt(i);
  let ofDay = epochMs - day * DAY_MS;
  const ms = ofDay % 1000;
  ofDay = (ofDay - ms) / 1000;
  const s = ofDay % 60;
  ofDay = (ofDay - s) / 60;
  const m = ofDay % 60;
  const h = (ofDay - m) / 60;
  out[at++] = 0x30 + Math.floor(h / 10);
  out[at++] = 0x30 + (h % 10);
  out[at++] = 0x3a;
  out[at++] = 0x30 + Math.floor(m / 10);
  out[at++] = 0x30 + (m % 10);
  out[at++] = 0x3a;
  out[at++] = 0x30 + Math.floor(s / 10);
  out[at++] = 0x30 + (s % 10);
  out[at++] = 0x2e;
  out[at++] = 0x30 + Math.floor(ms / 100);
  out[at++] = 0x30 + (Math.floor(ms / 10) % 10);
  out[at++] = 0x30 + (ms % 10);
  out[at++] = 0x5a;
  return at;
}
