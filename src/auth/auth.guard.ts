import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error.js';
import { AUTHORIZED_IN_READ, IS_PUBLIC } from './principal.js';
import { ApiTokenRepository } from './api-token.repository.js';
import { invalidToken, requestTokenHashes } from './tokens.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs a token unless marked @Public(): unknown or missing → 401, a read token on a
 * write → 403. Tokens are looked up on every request, so a revoked token stops working at once;
 * on @AuthorizedInRead() routes the lookup is part of the route's own statement.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokenRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const hashes = requestTokenHashes(request);
    if (hashes.length === 0) throw invalidToken();
    if (READ_METHODS.has(request.method) && this.reflector.getAllAndOverride<boolean>(AUTHORIZED_IN_READ, [context.getHandler(), context.getClass()])) {
      request.tokenHashes = hashes;
      return true;
    }
    const principal = await this.tokens.resolveHashes(hashes);
    if (!principal) throw invalidToken();
    if (principal.scope !== 'write' && !READ_METHODS.has(request.method)) {
      throw ApiError.forbidden('This token may only read; writes need a token with scope write');
    }
    request.principal = principal;
    return true;
  }
}
