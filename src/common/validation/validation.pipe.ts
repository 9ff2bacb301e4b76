import { type ArgumentMetadata, Injectable, type PipeTransform, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ApiError, type FieldError } from '../api-error.js';

/** Turns class-validator's error tree into flat field paths such as `evses[0].connectors[1].standard`. */
export function flattenValidationErrors(errors: ValidationError[], parent = '', parentIsArray = false): FieldError[] {
  const flat: FieldError[] = [];
  for (const error of errors) {
    const path = parentIsArray
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      flat.push({
        field: path,
        message: constraint === 'whitelistValidation' ? `unknown field ${path}` : message,
      });
    }
    if (error.children?.length) flat.push(...flattenValidationErrors(error.children, path, Array.isArray(error.value)));
  }
  return flat;
}

function exceptionFactory(errors: ValidationError[]): ApiError {
  const flat = flattenValidationErrors(errors);
  const first = flat[0];
  return ApiError.badRequest(first ? `Invalid ${first.field}: ${first.message}` : 'Invalid request', flat);
}

/**
 * Global validation: request bodies reject unknown fields (400 naming them); query strings drop
 * unknown parameters so that cache-busters and future filters of other clients do no harm.
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  private readonly body = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: true },
    exceptionFactory,
  });

  private readonly query = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: false,
    stopAtFirstError: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory,
  });

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body') {
      if (metadata.metatype && metadata.metatype !== Object && (value === undefined || value === null)) {
        throw ApiError.badRequest('A JSON request body is required');
      }
      if (metadata.metatype && metadata.metatype !== Object && (typeof value !== 'object' || Array.isArray(value))) {
        throw ApiError.badRequest('The request body must be a JSON object');
      }
      return this.body.transform(value, metadata);
    }
    if (metadata.type === 'query') return this.query.transform(value, metadata);
    return value;
  }
}
