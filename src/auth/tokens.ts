import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../common/api-error.js';
import type { TokenScope } from './api-token.entity.js';

export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write'];

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 256 random bits; the `cs_` prefix makes leaked tokens easy to find with secret scanners. */
export function generateToken(): string {
  return `cs_${randomBytes(32).toString('base64url')}`;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const PRINTABLE = /^[\x21-\x7e]+$/;

/**
 * The token strings an `Authorization` header may stand for: `Token <t>` or `Bearer <t>`, where
 * `<t>` is the token itself or (OCPI 2.2.1) its Base64 encoding.
 */
export function tokenCandidates(authorization: string | undefined): string[] {
  const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return [];
  const raw = match[1];
  const candidates = [raw];
  if (BASE64.test(raw) && raw.length % 4 === 0) {
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    if (PRINTABLE.test(decoded) && decoded !== raw) candidates.push(decoded);
  }
  return candidates;
}

/** The SHA-256 of each token an `Authorization` header may stand for (none when it names no token). */
export function tokenHashes(authorization: string | undefined): string[] {
  return tokenCandidates(authorization).map(hashToken);
}

const hashesOfRequests = new WeakMap<object, string[]>();

/**
 * tokenHashes of a request's `Authorization` header, worked out once per request: the auth guard
 * and the rate limiter both need them.
 */
export function requestTokenHashes(request: { headers: { authorization?: string } }): string[] {
  let hashes = hashesOfRequests.get(request);
  if (!hashes) hashesOfRequests.set(request, (hashes = tokenHashes(request.headers.authorization)));
  return hashes;
}

/** The one answer to a missing, unknown or revoked token. */
export function invalidToken(): ApiError {
  return ApiError.unauthorized('A valid API token is required: Authorization: Token <token>');
}
