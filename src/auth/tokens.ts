import { createHash, randomBytes } from 'node:crypto';
import { type DataSource, In, IsNull } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { select } from '../database/prepared.js';
import { ApiToken, type TokenScope } from './api-token.entity.js';
import { Cpo } from './cpo.entity.js';
import type { Principal } from './principal.js';

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

/** The token and its CPOs by one or two candidate hashes (the unique index on token_hash). */
const PRINCIPAL_SQL = [1, 2].map(
  (candidates) => `SELECT t.pk AS token_pk, t.scope, c.pk, c.cpo_id, c.name, c.country_code, c.party_id, c.created
   FROM api_tokens t
   JOIN api_token_cpos tc ON tc.token_pk = t.pk
   JOIN cpos c ON c.pk = tc.cpo_pk
   WHERE t.token_hash IN (${Array(candidates).fill('?').join(', ')}) AND t.revoked IS NULL`,
);

/** Creating, revoking and resolving API tokens. Used by the auth guard and the CLI. */
export class Tokens {
  constructor(private readonly dataSource: DataSource) {}

  async create(cpoIds: string[], scope: TokenScope): Promise<string> {
    if (!TOKEN_SCOPES.includes(scope)) throw new Error(`scope must be read or write, got "${scope}"`);
    if (cpoIds.length === 0) throw new Error('a token needs at least one CPO');
    const cpos = await this.dataSource.getRepository(Cpo).findBy({ cpoId: In(cpoIds) });
    const exact = cpos.filter((cpo) => cpoIds.includes(cpo.cpoId));
    const missing = cpoIds.filter((id) => !exact.some((cpo) => cpo.cpoId === id));
    if (missing.length) throw new Error(`unknown CPO: ${missing.join(', ')}`);
    const token = generateToken();
    await this.dataSource.getRepository(ApiToken).save({
      tokenHash: hashToken(token),
      scope,
      cpos: exact,
      created: Date.now(),
      revoked: null,
    });
    return token;
  }

  /** Returns whether a live token was revoked. */
  async revoke(token: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(ApiToken)
      .update({ tokenHash: hashToken(token), revoked: IsNull() }, { revoked: Date.now() });
    return (result.affected ?? 0) > 0;
  }

  async resolve(authorization: string | undefined): Promise<Principal | undefined> {
    return this.resolveHashes(tokenHashes(authorization));
  }

  /** The live token with one of these hashes (see tokenHashes), with its CPOs. */
  async resolveHashes(hashes: string[]): Promise<Principal | undefined> {
    if (hashes.length === 0) return undefined;
    // One prepared statement by the unique token_hash: the token and its CPOs.
    const rows = await select(this.dataSource.manager, PRINCIPAL_SQL[hashes.length - 1], hashes);
    if (rows.length === 0) return undefined;
    // Two candidates (a token and its Base64 form) can never both be live tokens: keep the first.
    const tokenPk = Number(rows[0].token_pk);
    const cpos = rows
      .filter((row) => Number(row.token_pk) === tokenPk)
      .map((row) =>
        Object.assign(new Cpo(), {
          pk: Number(row.pk),
          cpoId: String(row.cpo_id),
          name: String(row.name),
          countryCode: String(row.country_code),
          partyId: String(row.party_id),
          created: Number(row.created),
        }),
      );
    return { tokenPk, scope: rows[0].scope as TokenScope, cpos };
  }
}
