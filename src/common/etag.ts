import { randomUUID } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error.js';

/** A fresh etag: a UUID, new on every change of an object through the API. */
export function newEtag(): string {
  return randomUUID();
}

function unquote(value: string): string {
  return value.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/**
 * The etag a write was made against: the `If-Match` header or the body field `etag`. Both given
 * and different is a contradiction → 400. `If-Match: *` means "any current version".
 */
export function requestedEtag(ifMatch: string | undefined, bodyEtag: string | null | undefined): string | undefined {
  const header = ifMatch?.trim() ? unquote(ifMatch) : undefined;
  const body = typeof bodyEtag === 'string' && bodyEtag.trim() ? unquote(bodyEtag) : undefined;
  if (header !== undefined && body !== undefined && header !== '*' && header !== body) {
    throw ApiError.field('etag', 'etag in the body differs from the If-Match header');
  }
  return header === '*' && body !== undefined ? body : (header ?? body);
}

/**
 * Checks an etag against the stored one before any work is done: `required` (a PUT that updates)
 * and absent → 428; present and stale → 412 with the current etag. Returns the etag the write must
 * be guarded with, or undefined when the client asked for no check (no etag on a PATCH, or `*`):
 * such a write then sets only the columns it changes, so concurrent writers of other fields merge.
 */
export function checkEtag(expected: string | undefined, current: string, required: boolean): string | undefined {
  if (expected === undefined) {
    if (required) throw ApiError.preconditionRequired();
    return undefined;
  }
  if (expected === '*') return undefined;
  if (expected !== current) throw ApiError.preconditionFailed(current);
  return expected;
}

/**
 * How often a write without the client's etag (none sent, or `*`) is worked out again after losing a
 * race: each lost try means another write got in meanwhile, so up to this many concurrent writers of
 * one object all get through.
 */
export const UNGUARDED_WRITE_ATTEMPTS = 20;

/**
 * A write worked out from a read (e.g. whole EVSE definitions merged with a PATCH), so always
 * written only on the version it read: `write` gets the etag to guard its UPDATE with. That is the
 * client's when it sent one (a lost race is then its 412). Without one (none sent, or `*`) it is the
 * version read, and a lost race means the write is worked out again from a fresh read; 412 only
 * after UNGUARDED_WRITE_ATTEMPTS lost races in a row. `versions` gives the client's etag as
 * checkEtag returns it, and the etag of what was read.
 */
export async function writeOnVersionRead<R, T>(
  read: () => Promise<R>,
  versions: (current: R) => { requested: string | undefined; read: string },
  write: (current: R, guard: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = await read();
    const { requested, read: readEtag } = versions(current);
    try {
      return await write(current, requested ?? readEtag);
    } catch (error) {
      const lostRace = requested === undefined && error instanceof ApiError && error.httpStatus === HttpStatus.PRECONDITION_FAILED;
      if (!lostRace || attempt >= UNGUARDED_WRITE_ATTEMPTS) throw error;
    }
  }
}
