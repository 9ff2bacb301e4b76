import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { successEnvelope, type Envelope } from './envelope.js';
import { nextLink, Page } from './pagination.js';
import { RawBody } from './raw-body.js';

/**
 * Wraps every successful result in the SPEC §2 envelope. A `Page` becomes `data` plus the paging
 * headers; a single object with an `etag` also answers it as the `ETag` header. A `RawBody` (a
 * non-JSON answer such as CSV) is the one exception: it is sent as it is, with its content type.
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<Envelope | string> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (result instanceof RawBody) {
          reply.header('Content-Type', result.contentType);
          return result.body;
        }
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
