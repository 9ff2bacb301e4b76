import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { TokenScope } from './api-token.entity.js';
import type { Cpo } from './cpo.entity.js';

/** Who is calling: the token's scope and the CPOs it may see and act for. */
export interface Principal {
  tokenPk: number;
  scope: TokenScope;
  cpos: Cpo[];
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** On @AuthorizedInRead() routes: the SHA-256 candidates of the request's token, not yet checked. */
    tokenHashes?: string[];
  }
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

/** The hashes of the token of an @AuthorizedInRead() route, for its service to check inside its read. */
export const CallerTokenHashes = createParamDecorator((_data: unknown, context: ExecutionContext): string[] => {
  const hashes = context.switchToHttp().getRequest<FastifyRequest>().tokenHashes;
  if (!hashes) throw new Error('CallerTokenHashes used on a route without @AuthorizedInRead()');
  return hashes;
});

export const IS_PUBLIC = 'isPublic';
export const AUTHORIZED_IN_READ = 'authorizedInRead';
/**
 * Marks a GET route whose service checks the token inside its own read statement (the token's CPOs
 * joined in): the guard only checks that a token was sent. The hottest read then costs one
 * statement instead of two, and a revoked token still fails on its next request. On a miss the
 * service must resolve the token as the guard would (401) before answering 404.
 */
export const AuthorizedInRead = () => SetMetadata(AUTHORIZED_IN_READ, true);
/** Marks a route that needs no token (health checks). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The CPO of the principal with this external id (case-sensitive), if the token may act for it. */
export function principalCpo(principal: Principal, cpoId: string): Cpo | undefined {
  return principal.cpos.find((cpo) => cpo.cpoId === cpoId);
}

export function principalCpoPks(principal: Principal): number[] {
  return principal.cpos.map((cpo) => cpo.pk);
}
