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
  }
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

export const IS_PUBLIC = 'isPublic';
/** Marks a route that needs no token (health checks). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The CPO of the principal with this external id (case-sensitive), if the token may act for it. */
export function principalCpo(principal: Principal, cpoId: string): Cpo | undefined {
  return principal.cpos.find((cpo) => cpo.cpoId === cpoId);
}

export function principalCpoPks(principal: Principal): number[] {
  return principal.cpos.map((cpo) => cpo.pk);
}
