import { OcpiStatus, isOcpiSuccess } from './ocpi-status.js';

/**
 * The OCPI 2.2.1 response format (transport_and_format.asciidoc): every answer of the OCPI
 * endpoints, and what a partner's endpoint answers a push. `timestamp` is a DateTime in UTC.
 */
export interface OcpiResponse<T = unknown> {
  data?: T;
  status_code: number;
  status_message?: string;
  timestamp: string;
}

/** A success answer carrying `data`. */
export function ocpiSuccess<T>(data: T, now: Date = new Date()): OcpiResponse<T> {
  return { data, status_code: OcpiStatus.SUCCESS, status_message: 'Success', timestamp: now.toISOString() };
}

/** An answer without data: an error, or a success with nothing to say (OCPI advises leaving `data` out then). */
export function ocpiStatus(statusCode: number, statusMessage: string, now: Date = new Date()): OcpiResponse<never> {
  return { status_code: statusCode, status_message: statusMessage, timestamp: now.toISOString() };
}

/** What a partner answered, read defensively: a partner's body is not trusted to be OCPI. */
export type OcpiAnswer<T = unknown> =
  | { ok: true; statusCode: number; statusMessage: string | undefined; data: T | undefined }
  | { ok: false; statusCode: number | undefined; statusMessage: string | undefined; reason: string };

/**
 * Reads a partner's response body (already parsed JSON) as an OCPI response. It counts as a
 * success only when it is an OCPI response and its `status_code` is 1xxx (SPEC §11: any other
 * status_code is a failure, whatever the HTTP status was).
 */
export function readOcpiAnswer<T = unknown>(body: unknown): OcpiAnswer<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, statusCode: undefined, statusMessage: undefined, reason: 'the answer is not an OCPI response object' };
  }
  const { status_code: statusCode, status_message: message, data } = body as Record<string, unknown>;
  const statusMessage = typeof message === 'string' ? message : undefined;
  if (!Number.isInteger(statusCode)) {
    return { ok: false, statusCode: undefined, statusMessage, reason: 'the answer has no integer status_code' };
  }
  if (!isOcpiSuccess(statusCode)) {
    return { ok: false, statusCode: statusCode as number, statusMessage, reason: `status_code ${statusCode as number}${statusMessage ? `: ${statusMessage}` : ''}` };
  }
  return { ok: true, statusCode: statusCode as number, statusMessage, data: data as T | undefined };
}
