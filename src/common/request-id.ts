import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';

const SAFE_ID = /^[A-Za-z0-9\-_.:]{1,128}$/;

function headerValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && SAFE_ID.test(text) ? text : undefined;
}

/** `X-Request-ID` when the client sent a sane one, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  return headerValue(request.headers['x-request-id']) ?? randomUUID();
}

/** `X-Correlation-ID` when the client sent a sane one, else the request id. */
function correlationIdOf(request: IncomingMessage, requestId: string): string {
  return headerValue(request.headers['x-correlation-id']) ?? requestId;
}

/**
 * The logger of one request: every line it writes (Fastify's own "incoming request" and "request
 * completed" included) carries `reqId` and `correlationId`.
 */
export const requestLogger: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, options, request) =>
  logger.child({ ...bindings, correlationId: correlationIdOf(request, String(bindings.reqId ?? '')) }, options);

/** Echoes `X-Request-ID` and `X-Correlation-ID` on every response. */
export function registerRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply, done) => {
    void reply.header('X-Request-ID', request.id).header('X-Correlation-ID', correlationIdOf(request.raw, request.id));
    done();
  });
}
