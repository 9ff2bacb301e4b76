import { createHash, randomBytes } from 'node:crypto';
import { type DataSource, In, IsNull } from 'typeorm';
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
    const hashes = tokenCandidates(authorization).map(hashToken);
    if (hashes.length === 0) return undefined;
    // One query: a join without LIMIT (findOne with relations would add a second, DISTINCT one).
    const [token] = await this.dataSource
      .getRepository(ApiToken)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.cpos', 'c')
      .where('t.token_hash IN (:...hashes) AND t.revoked IS NULL', { hashes })
      .getMany();
    if (!token) return undefined;
    return { tokenPk: token.pk, scope: token.scope, cpos: token.cpos };
  }
}
