import { randomUUID } from 'node:crypto';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { updateColumns } from '../database/prepared.js';
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
 * The write itself: one `UPDATE … WHERE <key> AND etag = :expected` whose affected-row count decides.
 * Holds across processes sharing the database. Throws 412 with the now-current etag when it lost.
 * Without an expected etag the update is unconditional (see checkEtag).
 */
export async function updateIfEtagMatches<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  key: Record<string, unknown>,
  expectedEtag: string | undefined,
  values: Partial<E> & { etag: string },
): Promise<void> {
  const where = expectedEtag === undefined ? key : { ...key, etag: expectedEtag };
  const affected = await updateColumns(manager, target, values, where);
  if (affected === 1) return;
  const current = await manager.findOne(target, { where: key as never, select: { etag: true } as never });
  if (!current) throw ApiError.notFound('The object no longer exists');
  throw ApiError.preconditionFailed((current as unknown as { etag: string }).etag);
}
