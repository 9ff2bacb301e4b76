import { HttpStatus } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Settings } from '../settings/settings.js';
import { ApiError, StatusCode } from './api-error.js';
import { sendError } from './exception.filter.js';

/** Deeper JSON is refused before validation: class-transformer recurses once per level. */
export const MAX_JSON_DEPTH = 32;

/**
 * Content Security Policy: everything from this origin only. Swagger UI at /docs loads its scripts
 * and stylesheets from /docs, and needs inline styles (its HTML has a `<style>` block) and `data:`
 * images (its icons). No `upgrade-insecure-requests`: the service is often reached over plain HTTP
 * behind a TLS-terminating proxy or on a private network, where that directive breaks /docs.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
  },
};

/**
 * Security headers on every response (helmet: CSP, HSTS, nosniff, frame denial, no referrer, …)
 * and CORS only for the configured origins: with `CORS_ORIGINS` empty no Access-Control-* header is
 * ever sent, so browsers refuse cross-origin calls.
 *
 * helmet's middleware is built once and run in an onRequest hook (@fastify/helmet built it anew,
 * parsing the CSP directives, on every request; bench/ANALYSIS.md, "Measured reasons in the code").
 */
export function registerSecurity(app: NestFastifyApplication, settings: Settings): void {
  const securityHeaders = helmet({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: settings.corsOrigins.length ? 'cross-origin' : 'same-origin' },
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  if (settings.corsOrigins.length) {
    app.enableCors({
      origin: settings.corsOrigins.includes('*') ? '*' : settings.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-ID', 'X-Correlation-ID', 'cpsoIds'],
      exposedHeaders: [
        'ETag',
        'Link',
        'X-Total-Count',
        'X-Limit',
        'X-Request-ID',
        'X-Correlation-ID',
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ],
      maxAge: 600,
    });
  }
}

/** How deeply a parsed JSON value nests (a scalar is 0), counted without recursion; stops past `limit`. */
export function jsonDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Bodies nested deeper than `MAX_JSON_DEPTH` → 400 before any handler sees them. */
export function limitJsonDepth(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.body !== null && typeof request.body === 'object' && jsonDepth(request.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      throw ApiError.badRequest(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
  });
}

/**
 * Errors Fastify's router raises before any route runs (a path parameter over `maxParamLength`, a
 * URL that does not decode) leave as the envelope too, with a fixed message that echoes nothing.
 */
export function frameworkErrorsAsEnvelope(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendError(new ApiError(HttpStatus.URI_TOO_LONG, StatusCode.CLIENT_ERROR, 'A path segment of the URL is too long'), request, reply);
    case 'FST_ERR_BAD_URL':
      return sendError(ApiError.badRequest('The URL is malformed'), request, reply);
    default:
      return sendError(error, request, reply);
  }
}
