import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { AppModule } from './app.module.js';
import { registerDrainBeforeClose } from './common/drain-before-close.js';
import { registerEnvelope } from './common/envelope.hook.js';
import { registerGracefulClose } from './common/graceful-close.js';
import { createLogger, PinoNestLogger } from './common/logger.js';
import { registerRequestIds, requestIdOf, requestLogger } from './common/request-id.js';
import { frameworkErrorsAsEnvelope, limitJsonDepth, registerSecurity } from './common/security.js';
import type { Settings } from './settings/settings.js';
import { buildOpenApiDocument, serveOpenApi } from './openapi/document.js';

export interface CreateAppOptions {
  /** Build the module graph without connecting to a database (OpenAPI generation). */
  preview?: boolean;
}

/**
 * The whole HTTP application, ready to `listen()`: Fastify with the body limit, JSON-only bodies,
 * case-insensitive paths, request ids and pino logs; Nest with the envelope, the error filter,
 * validation, the auth guard, the rate limit; security headers and CORS; Swagger UI at /docs.
 */
export async function createApp(settings: Settings, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = createLogger(settings.logLevel, settings.logFormat);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: settings.bodyLimitBytes,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    genReqId: requestIdOf,
    childLoggerFactory: requestLogger,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorsAsEnvelope,
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
  registerEnvelope(fastify);
  registerGracefulClose(fastify);
  registerDrainBeforeClose(fastify, settings.bodyLimitBytes);
  limitJsonDepth(fastify);
  registerSecurity(app, settings);

  serveOpenApi(app, buildOpenApiDocument(app));
  return app;
}

/** Only JSON bodies (also `application/*+json`, e.g. merge-patch); anything else is 415. */
function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(/^application\/[a-z0-9.+-]+\+json$/i, { parseAs: 'string' }, fastify.getDefaultJsonParser('error', 'error'));
}
