import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9\-_.:]{1,128}$/;

function headerValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && SAFE_ID.test(text) ? text : undefined;
}

/** `X-Request-ID` when the client sent a sane one, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  return headerValue(request.headers['x-request-id']) ?? randomUUID();
}

declare module 'fastify' {
  interface FastifyRequest {
    correlationId: string;
  }
}

/**
 * Echoes `X-Request-ID` and `X-Correlation-ID` (the request id when none was sent) on every response,
 * and puts the correlation id on every log line of the request (the request id is there already).
 */
export function registerRequestIds(fastify: FastifyInstance): void {
  fastify.decorateRequest('correlationId', '');
  fastify.addHook('onRequest', async (request: FastifyRequest, reply) => {
    request.correlationId = headerValue(request.headers['x-correlation-id']) ?? request.id;
    request.log = request.log.child({ correlationId: request.correlationId });
    void reply.header('X-Request-ID', request.id).header('X-Correlation-ID', request.correlationId);
  });
}
