import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiError, StatusCode } from './api-error.js';
import { errorEnvelope, type Envelope } from './envelope.js';

export interface ErrorResponse {
  httpStatus: number;
  body: Envelope<never>;
  headers: Record<string, string>;
  /** Unexpected: log it with its stack. */
  unexpected: boolean;
  /** Expected while a dependency is down (the database): log one warning line, without stack or SQL. */
  degraded?: boolean;
}

const DATABASE_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'POOL_CLOSED',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
]);

const DUPLICATE_KEY = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique index refused a row: another request created the same thing first (answered 409). */
export function isDuplicateKey(error: unknown): boolean {
  return DUPLICATE_KEY.has(errorCode(error) ?? '');
}

function isDatabaseUnavailable(error: unknown): boolean {
  const code = errorCode(error);
  if (code && DATABASE_UNAVAILABLE.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Pool is closed|connection is in closed state|Can't add new command when connection is in closed state/i.test(
    message,
  );
}

/** Fastify's own errors (body parsing, limits) carry an HTTP status and a FST_ code. */
function fastifyClientError(error: unknown): { status: number; message: string } | undefined {
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.statusCode !== 'number' || e.statusCode < 400 || e.statusCode >= 500) return undefined;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: HttpStatus.PAYLOAD_TOO_LARGE, message: 'The request body is larger than the limit' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, message: 'Request bodies must be application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: HttpStatus.BAD_REQUEST, message: 'The JSON request body is empty' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: HttpStatus.BAD_REQUEST, message: 'The request body is not valid JSON' };
  }
  if (error instanceof SyntaxError) {
    return { status: HttpStatus.BAD_REQUEST, message: 'The request body is not valid JSON' };
  }
  return { status: e.statusCode, message: typeof e.message === 'string' ? e.message : 'Bad request' };
}

/** The whole SPEC §2 status table in one place; used by the Nest filter and by Fastify's error handler. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof ApiError) {
    return {
      httpStatus: error.httpStatus,
      body: errorEnvelope(error.statusCode, error.message, error.errors),
      headers: error.headers,
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      const statusCode = status === HttpStatus.BAD_REQUEST ? StatusCode.INVALID_PARAMETERS : StatusCode.CLIENT_ERROR;
      return { httpStatus: status, body: errorEnvelope(statusCode, error.message, []), headers: {}, unexpected: false };
    }
  }
  const client = fastifyClientError(error);
  if (client) {
    const statusCode = client.status === HttpStatus.BAD_REQUEST ? StatusCode.INVALID_PARAMETERS : StatusCode.CLIENT_ERROR;
    return { httpStatus: client.status, body: errorEnvelope(statusCode, client.message, []), headers: {}, unexpected: false };
  }
  if (isDuplicateKey(error)) {
    return {
      httpStatus: HttpStatus.CONFLICT,
      body: errorEnvelope(StatusCode.CLIENT_ERROR, 'An object with this id already exists', []),
      headers: {},
      unexpected: false,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      httpStatus: HttpStatus.SERVICE_UNAVAILABLE,
      body: errorEnvelope(StatusCode.SERVER_ERROR, 'The database is unavailable; retry later', []),
      headers: { 'Retry-After': '5' },
      unexpected: false,
      degraded: true,
    };
  }
  return {
    httpStatus: HttpStatus.INTERNAL_SERVER_ERROR,
    body: errorEnvelope(StatusCode.SERVER_ERROR, 'Internal server error', []),
    headers: {},
    unexpected: true,
  };
}
