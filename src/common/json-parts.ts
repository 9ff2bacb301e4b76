/** JSON in pieces: UTF-8 bytes, and text to be written as UTF-8 between them. */
export type JsonParts = (Buffer | string)[];

/** The parts written one after the other into one buffer (sized once: at most 3 bytes per UTF-16 unit). */
export function writeJsonParts(parts: JsonParts): Buffer {
  let bound = 0;
  for (const part of parts) bound += typeof part === 'string' ? 3 * part.length : part.length;
  const out = Buffer.allocUnsafe(bound);
  let length = 0;
  for (const part of parts) length += typeof part === 'string' ? out.write(part, length) : part.copy(out, length);
  return out.subarray(0, length);
}
