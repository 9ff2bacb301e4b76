import { HttpStatus } from '@nestjs/common';

/** The envelope `status_code` values of SPEC §2. */
export const StatusCode = {
  SUCCESS: 1000,
  CLIENT_ERROR: 2000,
  INVALID_PARAMETERS: 2001,
  UNKNOWN_LOCATION: 2003,
  SERVER_ERROR: 3000,
} as const;

export interface FieldError {
  /** Path of the offending field, e.g. `evses[0].connectors[1].standard`; absent for whole-request errors. */
  field?: string;
  message: string;
}

/**
 * The one error type the service throws on purpose. The exception filter turns it into the
 * SPEC §2 envelope; anything else thrown becomes a 500 with no internals.
 */
export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly statusCode: number,
    message: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  static badRequest(message: string, errors: FieldError[] = []): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, StatusCode.INVALID_PARAMETERS, message, errors);
  }

  static field(field: string, message: string): ApiError {
    return ApiError.badRequest(`Invalid ${field}: ${message}`, [{ field, message }]);
  }

  /** `field`: the body field that names the missing object (e.g. `location_id`), when one does. */
  static notFound(message: string, statusCode: number = StatusCode.CLIENT_ERROR, field?: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, statusCode, message, field === undefined ? [] : [{ field, message }]);
  }

  static conflict(message: string): ApiError {
    return new ApiError(HttpStatus.CONFLICT, StatusCode.CLIENT_ERROR, message);
  }

  static forbidden(message: string): ApiError {
    return new ApiError(HttpStatus.FORBIDDEN, StatusCode.CLIENT_ERROR, message);
  }

  static unauthorized(message: string): ApiError {
    return new ApiError(HttpStatus.UNAUTHORIZED, StatusCode.CLIENT_ERROR, message, [], {
      'WWW-Authenticate': 'Token',
    });
  }

  static preconditionFailed(currentEtag: string): ApiError {
    return new ApiError(
      HttpStatus.PRECONDITION_FAILED,
      StatusCode.CLIENT_ERROR,
      'The etag does not match the current version of the object; fetch it again and retry',
      [],
      { ETag: `"${currentEtag}"` },
    );
  }

  static preconditionRequired(): ApiError {
    return new ApiError(
      HttpStatus.PRECONDITION_REQUIRED,
      StatusCode.CLIENT_ERROR,
      'Updating an existing object requires its etag, as an If-Match header or the body field etag',
    );
  }
}
