import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { select } from '../database/prepared.js';
import { ApiToken, type TokenScope } from './api-token.entity.js';
import { Cpo } from './cpo.entity.js';
import type { Principal } from './principal.js';
import { generateToken, hashToken, TOKEN_SCOPES } from './tokens.js';

/**
 * The live token with one of `count` candidate hashes (see tokenHashes) and its rows in
 * api_token_cpos: `FROM` and `WHERE` parts with aliases `t` (api_tokens) and `tc` (api_token_cpos),
 * the hashes as `?` placeholders. The one statement of what a live token is: the guard's lookup
 * (resolveHashes) and the GET of a station, which checks the token inside its own read, both use it.
 */
export function liveTokenCpos(count: number): { from: string; where: string } {
  return {
    from: 'api_tokens t JOIN api_token_cpos tc ON tc.token_pk = t.pk',
    where: `t.token_hash IN (${Array(count).fill('?').join(', ')}) AND t.revoked IS NULL`,
  };
}

/** The token and its CPOs by one or two candidate hashes (the unique index on token_hash). */
const PRINCIPAL_SQL = [1, 2].map((count) => {
  const token = liveTokenCpos(count);
  return `SELECT t.pk AS token_pk, t.scope, c.pk, c.cpo_id, c.name, c.country_code, c.party_id, c.created
   FROM ${token.from}
   JOIN cpos c ON c.pk = tc.cpo_pk
   WHERE ${token.where}`;
});

/** API tokens: created and revoked by the CLI, resolved on every request by the auth guard. Only hashes are stored. */
@Injectable()
export class ApiTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new token for these CPOs (by external id, case-sensitive); the token itself is returned once. */
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
    const result = await this.dataSource.getRepository(ApiToken).update({ tokenHash: hashToken(token), revoked: IsNull() }, { revoked: Date.now() });
    return (result.affected ?? 0) > 0;
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
