import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Answer, isEnvelope, SerialisedData, serialisedEnvelope, type SerialisedJson, successEnvelope } from './envelope.js';
import { answerEtag, answersEtag } from './etag.interceptor.js';
import { nextLink, Page, type PageInfo, SerialisedPage } from './pagination.js';
import { RawBody } from './raw-body.js';

/** The API's own routes (every Nest controller). The OpenAPI document at /docs-json is not enveloped. */
const API_ROUTE = /^\/(?:api|health)\//i;

/**
 * Wraps every successful result of the API's handlers in the SPEC §2 envelope. A `Page` becomes
 * `data` plus the paging headers; `SerialisedData` and a `SerialisedPage` (JSON already) are sent as
 * they are; an `Answer` is
 * its body, with status 201 when it says a PUT created it. A `RawBody` (a non-JSON answer such as
 * CSV) is the one exception: it is sent as it is, with its content type. Errors arrive here already
 * enveloped (the exception filter). The `ETag` header is EtagInterceptor's (answerEtag: run here for
 * the GETs marked @AnswersEtag()).
 *
 * A Fastify preSerialization hook rather than a Nest interceptor: with any global interceptor Nest
 * runs every request through an RxJS pipeline, a measurable part of a GET's CPU time
 * (bench/ANALYSIS.md, "Measured reasons in the code"). EtagInterceptor is applied per route for that reason.
 */
export function registerEnvelope(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, value: unknown) => void) => {
    done(null, envelope(request, reply, payload));
  });
}

function envelope(request: FastifyRequest, reply: FastifyReply, result: unknown): unknown {
  if (isEnvelope(result) || !API_ROUTE.test(request.routeOptions.url ?? '')) return result;
  if (answersEtag(request)) answerEtag(reply, result);
  if (result instanceof RawBody) {
    void reply.type(result.contentType);
    reply.serializer(() => result.body);
    return result;
  }
  if (result instanceof Page) {
    pagingHeaders(request, reply, result);
    return successEnvelope(result.items);
  }
  if (result instanceof SerialisedPage) {
    pagingHeaders(request, reply, result);
    sendSerialised(reply, result.json);
    return result;
  }
  if (result instanceof Answer) {
    if (result.created) void reply.status(201);
    return successEnvelope(result.body);
  }
  if (result instanceof SerialisedData) {
    sendSerialised(reply, result.json);
    return result;
  }
  return successEnvelope(result);
}

function pagingHeaders(request: FastifyRequest, reply: FastifyReply, page: PageInfo): void {
  void reply.header('X-Total-Count', String(page.total));
  void reply.header('X-Limit', String(page.limit));
  const link = nextLink(request, page);
  if (link) void reply.header('Link', link);
}

/** Data that comes serialised: the envelope around it as bytes (successEnvelope's key order), in one buffer. */
function sendSerialised(reply: FastifyReply, json: SerialisedJson): void {
  const body = serialisedEnvelope(json);
  // Reusable once the whole answer has been handed to the operating system.
  reply.raw.once('finish', () => json.release(body));
  void reply.type('application/json; charset=utf-8');
  // Typed as returning a string; Fastify sends a Buffer from a serializer just the same.
  reply.serializer((() => body) as unknown as () => string);
}
