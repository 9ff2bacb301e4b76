import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { updateColumns } from './prepared.js';

/**
 * The etag check and the write in one: `UPDATE … WHERE <key> AND etag = :expected`, whose
 * affected-row count decides (SPEC §2: an atomic conditional update in the database, so it holds
 * across processes sharing it). Throws 412 with the now-current etag when it lost, 404 when the
 * object is gone. Without an expected etag the update is unconditional (see checkEtag).
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
