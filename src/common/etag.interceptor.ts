import { type CallHandler, createParamDecorator, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { Answer, SerialisedData } from './envelope.js';
import { requestedEtag } from './etag.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by EtagInterceptor on PUT and PATCH: the version the write is based on, if the client named one. */
    etagRequest?: { etag: string | undefined };
  }
}

/** Writes that may name the version they are based on (a POST creates: there is none). */
const WRITE_METHODS = new Set(['PUT', 'PATCH']);

/**
 * The one place the HTTP side of etags lives (SPEC §2 "Concurrency"), applied per route with
 * `@UseInterceptors(EtagInterceptor)` to the POST, PUT and PATCH routes of objects with etags:
 * - before a write: reads `If-Match` and the body's `etag` (400 naming `etag` when both are sent and
 *   differ) into the request, where the handler takes it with `@RequestedEtag()`; the service checks
 *   it against what it read, and the repository's conditional UPDATE decides (the database layer);
 * - after the handler: answers the version of what it returned as the `ETag` header (answerEtag).
 *
 * Single-object GETs answer their `ETag` with the same answerEtag, marked `@AnswersEtag()` and run
 * by the envelope hook: a Nest interceptor costs every request a pipeline of RxJS observables, which
 * on GET of a station (the hottest read) was a measurable part of its CPU time (bench/ANALYSIS.md,
 * "Measured reasons in the code"). Routes with neither (list pages) pay nothing.
 */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (WRITE_METHODS.has(request.method)) {
      const body = request.body as { etag?: unknown } | null | undefined;
      const bodyEtag = typeof body === 'object' && body !== null && typeof body.etag === 'string' ? body.etag : undefined;
      request.etagRequest = { etag: requestedEtag(request.headers['if-match'], bodyEtag) };
    }
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(map((result: unknown) => answerEtag(reply, result)));
  }
}

/** Answers the version of a handler's result as the `ETag` header: the `etag` of an Answer (an EVSE's carries its station's), of SerialisedData, or of the object. */
export function answerEtag(reply: FastifyReply, result: unknown): unknown {
  let etag: unknown;
  if (result instanceof SerialisedData) etag = result.etag;
  else if (result instanceof Answer) etag = result.etag ?? etagOf(result.body);
  else etag = etagOf(result);
  if (typeof etag === 'string') void reply.header('ETag', `"${etag}"`);
  return result;
}

const etagOf = (object: unknown): unknown => (typeof object === 'object' && object !== null ? (object as { etag?: unknown }).etag : undefined);

/**
 * The etag a PUT or PATCH is based on (`If-Match` or body `etag`; `*` for "any version"), or
 * undefined when the client sent none. Only on routes with EtagInterceptor.
 */
export const RequestedEtag = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const etagRequest = context.switchToHttp().getRequest<FastifyRequest>().etagRequest;
  if (!etagRequest) throw new Error('@RequestedEtag() used on a route without EtagInterceptor');
  return etagRequest.etag;
});

/** Marks a single-object GET whose answer carries the `ETag` header (answered by the envelope hook, see EtagInterceptor). */
export const AnswersEtag = () => RouteConfig({ answersEtag: true });

/** Whether the route of a request was marked @AnswersEtag(). */
export function answersEtag(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { answersEtag?: boolean } | undefined)?.answersEtag === true;
}
