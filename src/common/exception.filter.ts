import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-response.js';

/** The one exception filter: every error leaves as the SPEC §2 envelope, with no internals. */
@Catch()
export class EnvelopeExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    sendError(exception, request, reply);
  }
}

export function sendError(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const response = toErrorResponse(exception);
  if (response.unexpected) {
    request.log.error({ err: exception }, 'request failed');
  } else if (response.degraded) {
    // During an outage every request fails the same way: one short line each, not a stack with SQL.
    const { code, message } = exception as { code?: unknown; message?: unknown };
    request.log.warn({ code, reason: String(message ?? '').slice(0, 200) }, 'database unavailable: answered 503');
  }
  void reply.status(response.httpStatus).headers(response.headers).send(response.body);
}
