import { applyDecorators, type Type } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiResponse, type ApiResponseOptions } from '@nestjs/swagger';
import { ErrorEnvelope } from './envelope.js';

const envelopes = new Map<string, Type<unknown>>();

/**
 * A named envelope schema for one resource (`LocationEnvelope`, `LocationListEnvelope`), so that
 * generated SDKs get a typed `data`.
 */
export function envelopeOf(model: Type<unknown>, isArray = false): Type<unknown> {
  const name = `${model.name.replace(/Dto$/, '')}${isArray ? 'List' : ''}Envelope`;
  const known = envelopes.get(name);
  if (known) return known;
  class Envelope {
    data: unknown;
    status_code: number;
    status_message: string;
    timestamp: string;
  }
  ApiProperty({ type: model, isArray })(Envelope.prototype, 'data');
  ApiProperty({ type: 'integer', example: 1000, description: '1000 on success' })(Envelope.prototype, 'status_code');
  ApiProperty({ type: String, example: 'Success' })(Envelope.prototype, 'status_message');
  ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T12:00:00.000Z' })(Envelope.prototype, 'timestamp');
  Object.defineProperty(Envelope, 'name', { value: name });
  envelopes.set(name, Envelope);
  return Envelope;
}

const ETAG_HEADER = { ETag: { description: 'The object\'s current etag, quoted', schema: { type: 'string' } } };

const LIST_HEADERS = {
  'X-Total-Count': { description: 'Objects matching the filters (ignores offset, limit and cursor)', schema: { type: 'integer' } },
  'X-Limit': { description: 'The page size applied', schema: { type: 'integer' } },
  Link: {
    description: '`<url>; rel="next"` while more objects remain: every filter of this request, its limit, and a cursor',
    schema: { type: 'string' },
  },
};

/** A single object in the envelope; with its `ETag` header unless the resource has no etags (templates). */
export function ApiObjectResponse(model: Type<unknown>, status = 200, description = 'Success', options: { etag?: boolean } = {}): MethodDecorator {
  return ApiResponse({ status, description, type: envelopeOf(model), ...(options.etag === false ? {} : { headers: ETAG_HEADER }) });
}

export function ApiListResponse(model: Type<unknown>): MethodDecorator {
  return ApiResponse({ status: 200, description: 'One page', type: envelopeOf(model, true), headers: LIST_HEADERS });
}

const ERRORS: Record<number, string> = {
  400: 'Invalid request: validation failure, malformed JSON, unknown field (status_code 2001); `errors` names the fields',
  401: 'Missing or unknown token',
  403: 'The token lacks the scope (a read token on a write)',
  404: 'Unknown object, or another CPO\'s',
  409: 'An object with this id already exists',
  412: 'Stale etag; the current one is in the ETag header',
  413: 'Body larger than 1 MiB',
  415: 'Body is not application/json',
  428: 'Etag missing on a PUT that updates',
  429: 'Rate limit exceeded; see Retry-After',
  500: 'Unexpected error (status_code 3000); nothing internal is revealed',
  503: 'Database unavailable (status_code 3000)',
};

/** Documents the error responses an operation can give, all with the error envelope. */
export function ApiErrorResponses(...statuses: number[]): MethodDecorator {
  const always = [401, 429, 500, 503];
  const all = [...new Set([...statuses, ...always])].sort();
  return applyDecorators(
    ...all.map((status) => {
      const options: ApiResponseOptions = { status, description: ERRORS[status], type: ErrorEnvelope };
      if (status === 412) options.headers = ETAG_HEADER;
      if (status === 429) options.headers = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } };
      return ApiResponse(options);
    }),
  );
}

export function ApiIfMatch(required: boolean): MethodDecorator {
  return ApiHeader({
    name: 'If-Match',
    required: false,
    description: required
      ? 'The etag the write is based on (or send it as body `etag`). Required when the PUT updates an existing object: missing → 428, stale → 412.'
      : 'Optional: the etag the write is based on; stale → 412.',
  });
}
