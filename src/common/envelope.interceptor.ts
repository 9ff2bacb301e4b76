import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { successEnvelope, type Envelope } from './envelope.js';
import { nextLink, Page } from './pagination.js';

/**
 * Wraps every successful result in the SPEC §2 envelope. A `Page` becomes `data` plus the paging
 * headers; a single object with an `etag` also answers it as the `ETag` header.
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<Envelope> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (result instanceof Page) {
          reply.header('X-Total-Count', String(result.total));
          reply.header('X-Limit', String(result.limit));
          const link = nextLink(request, result);
          if (link) reply.header('Link', link);
          return successEnvelope(result.items);
        }
        const etag = (result as { etag?: unknown } | null)?.etag;
        if (typeof etag === 'string') reply.header('ETag', `"${etag}"`);
        return successEnvelope(result);
      }),
    );
  }
}
