import type { FastifyInstance } from 'fastify';

/**
 * While the server closes (SIGTERM), requests in flight still get their answer, with
 * `Connection: close` so that keep-alive clients let go at once instead of holding the process
 * open until their idle timeout.
 */
export function registerGracefulClose(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('Connection', 'close');
    done(null, payload);
  });
}
