import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { StatusCode, type FieldError } from './api-error.js';

/** SPEC §2: every response body, success or error, is one of these. */
export interface Envelope<T = unknown> {
  data?: T;
  status_code: number;
  status_message: string;
  timestamp: string;
  errors?: FieldError[];
}

/** What successEnvelope and errorEnvelope make: serialised like plain objects, recognised by isEnvelope. */
class EnvelopeBody {}

/** Whether a response body is already an envelope (the envelope hook then sends it as it is). */
export function isEnvelope(value: unknown): value is Envelope {
  return value instanceof EnvelopeBody;
}

export function successEnvelope<T>(data: T): Envelope<T> {
  return Object.assign(new EnvelopeBody(), { data, status_code: StatusCode.SUCCESS, status_message: 'Success', timestamp: new Date().toISOString() });
}

/**
 * JSON already serialised (UTF-8), for answers put together as bytes (the stations' read model): the
 * envelope goes around it without parsing or copying it again.
 */
export interface SerialisedJson {
  /** The whole answer as one buffer: `before`, the JSON, `after`. The JSON is used up. */
  toBuffer(before: string, after: string): Buffer;
  /** The buffer toBuffer made has been sent: it may be reused. */
  release(buffer: Buffer): void;
}

/** JSON text made by the caller (e.g. stored events joined), as SerialisedJson. */
export class JsonText implements SerialisedJson {
  constructor(private readonly text: string) {}

  toBuffer(before: string, after: string): Buffer {
    return Buffer.from(before + this.text + after);
  }

  release(): void {}
}

/**
 * successEnvelope as JSON (UTF-8) around data that is JSON already: one buffer (see
 * SerialisedJson.toBuffer), the same bytes JSON.stringify would give.
 */
export function serialisedEnvelope(dataJson: SerialisedJson): Buffer {
  const { status_code, status_message, timestamp } = successEnvelope(undefined);
  const rest = `,"status_code":${status_code},"status_message":${JSON.stringify(status_message)},"timestamp":"${timestamp}"}`;
  return dataJson.toBuffer('{"data":', rest);
}

/**
 * A handler's result that is JSON already (a T, serialised): the envelope hook sends it inside the
 * envelope as it is; `etag`, when given, is its version (answered as `ETag` by EtagInterceptor).
 */
export class SerialisedData<T> {
  /** For the type checker only: what the JSON is. */
  declare readonly data?: T;

  constructor(
    readonly json: SerialisedJson,
    readonly etag?: string,
  ) {}
}

/**
 * A handler's result with what its answer needs besides the body: `etag`, the version to answer as
 * the `ETag` header (EtagInterceptor; an EVSE's answer carries its station's etag), and `created`,
 * whether a PUT created the object (201 instead of 200, the envelope hook).
 */
export class Answer<T> {
  readonly etag: string | undefined;
  readonly created: boolean;

  constructor(
    readonly body: T,
    options: { etag?: string; created?: boolean } = {},
  ) {
    this.etag = options.etag;
    this.created = options.created ?? false;
  }
}

export function errorEnvelope(statusCode: number, message: string, errors: FieldError[]): Envelope<never> {
  const envelope: Envelope<never> = Object.assign(new EnvelopeBody(), {
    status_code: statusCode,
    status_message: message,
    timestamp: new Date().toISOString(),
  });
  if (errors.length) envelope.errors = errors;
  return envelope;
}

export class FieldErrorItem {
  @ApiPropertyOptional({ description: 'Path of the field at fault', example: 'coordinates.latitude' })
  field?: string;

  @ApiProperty({ example: 'latitude must match -?[0-9]{1,2}.[0-9]{5,7}, e.g. 52.37403' })
  message: string;
}

export class ErrorEnvelope {
  @ApiProperty({
    description: '2000 client error, 2001 invalid or missing parameters, 2003 unknown location, 3000 server error',
    example: 2001,
  })
  status_code: number;

  @ApiProperty({ example: 'Invalid coordinates.latitude: latitude must match -?[0-9]{1,2}.[0-9]{5,7}, e.g. 52.37403' })
  status_message: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T12:00:00.000Z' })
  timestamp: string;

  @ApiPropertyOptional({ type: [FieldErrorItem] })
  errors?: FieldErrorItem[];
}
