/**
 * JSON built from pieces without copying them until the end: byte ranges of UTF-8 buffers (stored
 * documents, as the driver hands them over) and text written as UTF-8 between them. `toBuffer`
 * copies everything once into one buffer. A range is kept as its buffer and two offsets, not as a
 * Buffer view: a list page has about a thousand of them, and views would be as many heap objects.
 */
export class JsonParts {
  private readonly sources: (Buffer | string)[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  get length(): number {
    return this.sources.length;
  }

  text(text: string): number {
    this.starts.push(0);
    this.ends.push(0);
    return this.sources.push(text) - 1;
  }

  bytes(buffer: Buffer, start: number, end: number): void {
    this.sources.push(buffer);
    this.starts.push(start);
    this.ends.push(end);
  }

  /** Replaces the text part at `index` (a placeholder added with `text`). */
  setText(index: number, text: string): void {
    this.sources[index] = text;
  }

  /** Drops every part from `length` on. */
  truncate(length: number): void {
    this.sources.length = length;
    this.starts.length = length;
    this.ends.length = length;
  }

  /**
   * Everything, with `before` and `after` around it, in one buffer (sized once: at most 3 bytes per
   * UTF-16 unit), taken from `allocate`.
   */
  toBuffer(before = '', after = '', allocate: (size: number) => Buffer = Buffer.allocUnsafe): Buffer {
    const { sources, starts, ends } = this;
    let bound = 3 * (before.length + after.length);
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      bound += typeof source === 'string' ? 3 * source.length : ends[i] - starts[i];
    }
    const out = allocate(bound);
    let length = out.write(before, 0);
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      length += typeof source === 'string' ? out.write(source, length) : source.copy(out, length, starts[i], ends[i]);
    }
    length += out.write(after, length);
    return out.subarray(0, length);
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
