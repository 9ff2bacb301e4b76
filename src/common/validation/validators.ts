import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { parseTimestamp } from '../time.js';

/**
 * Present and not null. Put it directly above the property (last in the list): with
 * `stopAtFirstError` it then reports "x is required" instead of a type complaint. Unlike
 * class-validator's IsDefined it yields to IsOptional and ValidateIf, so PartialType() makes it
 * optional; with `skipNullProperties: false` (every PATCH body) null is still refused.
 */
export function Required(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'required',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args) => (args.value === null ? `${args.property} is required and cannot be null` : `${args.property} is required`) },
      validator: { validate: (value: unknown) => value !== undefined && value !== null },
    });
}

/**
 * May be left out, but is never null: for optional fields that have no "cleared" state (ids and
 * numbers assigned when absent, an initial status, a CPO). Use it instead of IsOptional, which lets
 * null through as well; keep IsOptional for fields SPEC lets a client clear with null, and document
 * those `nullable: true`. Put it directly above the property (last in the list), like Required.
 */
export function OptionalNotNull(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'notNull',
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: '$property cannot be null; leave it out instead' },
        validator: { validate: (value: unknown) => value !== null },
      }),
  );
}

/** A field of the full write body that a PATCH does not take: refused when sent, whatever its value. */
export function NotPatchable(hint: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'notPatchable',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property cannot be patched here; ${hint}` },
      validator: { validate: (value: unknown) => value === undefined },
    });
}

/** Query strings carry booleans as text; anything but true/false stays a string and fails validation. */
export function queryBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true' || value === true) return true;
  if (value === 'false' || value === false) return false;
  return value;
}

/** One of a fixed list; the message lists the allowed values. */
export function OneOf(values: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}`, ...options });
}

/** RFC 3339 date-time, with or without zone (no zone = UTC). */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTimestamp',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an RFC 3339 date-time', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseTimestamp(value) !== undefined,
      },
    });
}

const timeZoneCache = new Map<string, boolean>();

export function isIanaTimeZone(value: string): boolean {
  let known = timeZoneCache.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      known = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value);
    } catch {
      known = false;
    }
    if (timeZoneCache.size < 1000) timeZoneCache.set(value, known);
  }
  return known;
}

/** An IANA time-zone name such as `Europe/Amsterdam`. */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time-zone name such as Europe/Amsterdam', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIanaTimeZone(value) },
    });
}

/** A nested object of `type`, validated as such (an array or a scalar in its place is refused). */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsObject({ message: '$property must be a JSON object' }), ValidateNested(), Type(type));
}

/** An array of nested objects of `type`; every item must be an object. */
export function NestedArray(type: () => new () => object, options: { minSize?: number } = {}): PropertyDecorator {
  const decorators = [
    IsArray({ message: '$property must be an array' }),
    IsObject({ each: true, message: 'each item of $property must be a JSON object' }),
    ValidateNested({ each: true }),
    Type(type),
  ];
  if (options.minSize) decorators.push(ArrayMinSize(options.minSize));
  return applyDecorators(...decorators);
}
