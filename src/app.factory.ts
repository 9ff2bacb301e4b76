import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { AppModule } from './app.module.js';
import { createLogger, PinoNestLogger } from './common/logger.js';
import { registerRequestIds, requestIdOf } from './common/request-id.js';
import type { Settings } from './config/settings.js';
import { buildOpenApiDocument, serveOpenApi } from './openapi/document.js';

export interface CreateAppOptions {
  /** Build the module graph without connecting to a database (OpenAPI generation). */
  preview?: boolean;
}

/**
 * The whole HTTP application, ready to `listen()`: Fastify with the body limit, JSON-only bodies,
 * case-insensitive paths, request ids and pino logs; Nest with the envelope, the error filter,
 * validation, the auth guard; Swagger UI at /docs.
 */
export async function createApp(settings: Settings, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = createLogger(settings.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: settings.bodyLimitBytes,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    genReqId: requestIdOf,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(settings), adapter, {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    preview: options.preview ?? false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  acceptJsonBodiesOnly(fastify);
  registerRequestIds(fastify);

  serveOpenApi(app, buildOpenApiDocument(app));
  return app;
}

/** Only JSON bodies (also `application/*+json`, e.g. merge-patch); anything else is 415. */
function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(/^application\/[a-z0-9.+-]+\+json$/i, { parseAs: 'string' }, fastify.getDefaultJsonParser('error', 'error'));
}
