import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
  type ValidationError,
} from 'class-validator';
import { LocationWriteDto } from '../../locations/dto/location-write.dto.js';
import { ApiError } from '../api-error.js';
import { flattenValidationErrors, RequestValidationPipe } from './validation.pipe.js';

/** A hand-built class-validator error node; `value` is what the property held (an array for list fields). */
function node(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  const value = children.length && children.every((child) => /^\d+$/.test(child.property)) ? [] : {};
  return { property, constraints, children, value } as ValidationError;
}

describe('flattenValidationErrors', () => {
  it('names a top-level field by its property', () => {
    expect(flattenValidationErrors([node('name', { isString: 'name must be a string' })])).toEqual([
      { field: 'name', message: 'name must be a string' },
    ]);
  });

  it('joins nested objects with dots', () => {
    const errors = [
      node('coordinates', undefined, [node('latitude', { matches: 'latitude must match the pattern' })]),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'coordinates.latitude', message: 'latitude must match the pattern' },
    ]);
  });

  it('writes array indexes in brackets: evses[0].connectors[1].standard', () => {
    const errors = [
      node('evses', undefined, [
        node('0', undefined, [
          node('connectors', undefined, [
            node('1', undefined, [node('standard', { isIn: 'standard must be one of: CHADEMO, …' })]),
          ]),
        ]),
      ]),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'evses[0].connectors[1].standard', message: 'standard must be one of: CHADEMO, …' },
    ]);
  });

  it('handles multi-digit indexes and an error on the element itself', () => {
    const errors = [node('evses', undefined, [node('12', { nestedValidation: 'each value must be an object' })])];
    expect(flattenValidationErrors(errors)).toEqual([{ field: 'evses[12]', message: 'each value must be an object' }]);
  });

  it('turns whitelist errors into "unknown field <path>"', () => {
    const errors = [
      node('colour', { whitelistValidation: 'property colour should not exist' }),
      node('evses', undefined, [
        node('0', undefined, [
          node('connectors', undefined, [
            node('1', undefined, [node('colour', { whitelistValidation: 'property colour should not exist' })]),
          ]),
        ]),
      ]),
      node('coordinates', undefined, [node('altitude', { whitelistValidation: 'property altitude should not exist' })]),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'colour', message: 'unknown field colour' },
      { field: 'evses[0].connectors[1].colour', message: 'unknown field evses[0].connectors[1].colour' },
      { field: 'coordinates.altitude', message: 'unknown field coordinates.altitude' },
    ]);
  });

  it('keeps every constraint of a node, and siblings in order', () => {
    const errors = [
      node('name', { isString: 'name must be a string', maxLength: 'name is too long' }),
      node('city', { required: 'city is required' }),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'name', message: 'name is too long' },
      { field: 'city', message: 'city is required' },
    ]);
  });

  it('reports both a node’s own constraint and its children', () => {
    const errors = [
      node('coordinates', { isObject: 'coordinates must be an object' }, [node('latitude', { isString: 'bad' })]),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'coordinates', message: 'coordinates must be an object' },
      { field: 'coordinates.latitude', message: 'bad' },
    ]);
  });

  it('prefixes a given parent path', () => {
    expect(flattenValidationErrors([node('standard', { isIn: 'x' })], 'evses[0]')).toEqual([
      { field: 'evses[0].standard', message: 'x' },
    ]);
  });

  it('returns nothing for no errors, and for nodes without constraints or children', () => {
    expect(flattenValidationErrors([])).toEqual([]);
    expect(flattenValidationErrors([node('name')])).toEqual([]);
  });
});

class ConnectorBody {
  @IsString()
  @Matches(/^\d+$/)
  id: string;

  @IsIn(['CHADEMO', 'IEC_62196_T2'])
  standard: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1500)
  voltage?: number;
}

class EvseBody {
  @IsString()
  uid: string;

  @ValidateNested({ each: true })
  @Type(() => ConnectorBody)
  @IsArray()
  connectors: ConnectorBody[];
}

class CoordinatesBody {
  @Matches(/^-?[0-9]{1,2}\.[0-9]{5,7}$/)
  @IsString()
  latitude: string;

  @Matches(/^-?[0-9]{1,3}\.[0-9]{5,7}$/)
  @IsString()
  longitude: string;
}

class StationBody {
  @IsString()
  name: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CoordinatesBody)
  coordinates?: CoordinatesBody;

  @ValidateNested({ each: true })
  @Type(() => EvseBody)
  @IsArray()
  evses: EvseBody[];
}

class ListQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @IsOptional()
  @IsString()
  city?: string;
}

const BODY: ArgumentMetadata = { type: 'body', metatype: StationBody, data: '' };
const QUERY: ArgumentMetadata = { type: 'query', metatype: ListQuery, data: '' };

function validBody(): Record<string, unknown> {
  return {
    name: 'Station 1',
    coordinates: { latitude: '52.3702157', longitude: '4.8951679' },
    evses: [
      {
        uid: 'EVSE-1',
        connectors: [
          { id: '1', standard: 'CHADEMO', voltage: 400 },
          { id: '2', standard: 'IEC_62196_T2' },
        ],
      },
    ],
  };
}

/** Runs the pipe and returns the ApiError it throws; fails the test when it does not throw one. */
async function rejection(value: unknown, metadata: ArgumentMetadata): Promise<ApiError> {
  let thrown: unknown;
  try {
    await new RequestValidationPipe().transform(value, metadata);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ApiError);
  return thrown as ApiError;
}

describe('RequestValidationPipe', () => {
  const pipe = new RequestValidationPipe();

  it('accepts a valid body and turns it into DTO instances all the way down', async () => {
    const result = (await pipe.transform(validBody(), BODY)) as StationBody;
    expect(result).toBeInstanceOf(StationBody);
    expect(result.coordinates).toBeInstanceOf(CoordinatesBody);
    expect(result.evses[0]).toBeInstanceOf(EvseBody);
    expect(result.evses[0].connectors[1]).toBeInstanceOf(ConnectorBody);
    expect(result).toEqual(validBody());
  });

  it('refuses an unknown field deep in an array with 400 / 2001 naming its exact path', async () => {
    const body = validBody();
    ((body.evses as Record<string, unknown>[])[0].connectors as Record<string, unknown>[])[1].colour = 'red';
    const error = await rejection(body, BODY);
    expect(error.httpStatus).toBe(400);
    expect(error.statusCode).toBe(2001);
    expect(error.errors).toEqual([
      { field: 'evses[0].connectors[1].colour', message: 'unknown field evses[0].connectors[1].colour' },
    ]);
    expect(error.message).toContain('evses[0].connectors[1].colour');
  });

  it('refuses an unknown field in a nested object, naming coordinates.<field>', async () => {
    const body = validBody();
    (body.coordinates as Record<string, unknown>).altitude = '12';
    const error = await rejection(body, BODY);
    expect(error.httpStatus).toBe(400);
    expect(error.statusCode).toBe(2001);
    expect(error.errors).toEqual([{ field: 'coordinates.altitude', message: 'unknown field coordinates.altitude' }]);
  });

  it('refuses an unknown top-level field', async () => {
    const error = await rejection({ ...validBody(), colour: 'red' }, BODY);
    expect(error.errors).toEqual([{ field: 'colour', message: 'unknown field colour' }]);
  });

  it('names the exact path of an invalid nested value', async () => {
    const body = validBody();
    ((body.evses as Record<string, unknown>[])[0].connectors as Record<string, unknown>[])[1].standard = 'SCHUKO';
    const error = await rejection(body, BODY);
    expect(error.httpStatus).toBe(400);
    expect(error.statusCode).toBe(2001);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0].field).toBe('evses[0].connectors[1].standard');
    expect(error.message).toBe(`Invalid evses[0].connectors[1].standard: ${error.errors[0].message}`);
  });

  it('names coordinates.latitude when it does not match its pattern', async () => {
    const body = validBody();
    (body.coordinates as Record<string, unknown>).latitude = '52.37';
    const error = await rejection(body, BODY);
    expect(error.errors.map((e) => e.field)).toEqual(['coordinates.latitude']);
  });

  it('names a missing required field', async () => {
    const { name: _name, ...body } = validBody();
    const error = await rejection(body, BODY);
    expect(error.errors.map((e) => e.field)).toEqual(['name']);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [validBody()]],
    ['an empty array', []],
    ['a string', 'name=Station'],
    ['a number', 42],
    ['a boolean', true],
  ])('refuses %s as a body with 400 / 2001', async (_label, value) => {
    const error = await rejection(value, BODY);
    expect(error.httpStatus).toBe(400);
    expect(error.statusCode).toBe(2001);
  });

  it('accepts a query with an unknown parameter and strips it', async () => {
    const result = (await pipe.transform({ offset: '20', city: 'Utrecht', _: '1712345678' }, QUERY)) as ListQuery;
    expect(result).toBeInstanceOf(ListQuery);
    expect(result).toEqual({ offset: 20, city: 'Utrecht' });
    expect(result).not.toHaveProperty('_');
  });

  it('still validates the known query parameters', async () => {
    const error = await rejection({ offset: 'abc' }, QUERY);
    expect(error.httpStatus).toBe(400);
    expect(error.statusCode).toBe(2001);
    expect(error.errors.map((e) => e.field)).toEqual(['offset']);
  });

  it('passes route parameters through untouched', () => {
    const value = { anything: 'goes' };
    expect(pipe.transform(value, { type: 'param', metatype: String, data: 'id' })).toBe(value);
  });
});

describe('RequestValidationPipe with the real LocationWriteDto', () => {
  const pipe = new RequestValidationPipe();
  const LOCATION: ArgumentMetadata = { type: 'body', metatype: LocationWriteDto, data: '' };
  const location = (extra: Record<string, unknown> = {}) => ({
    cpo_id: 'ACME',
    name: 'Central Station P1',
    address: 'Stationsplein 1',
    city: 'Amsterdam',
    postal_code: '1012AB',
    country: 'NLD',
    ...extra,
  });

  it('accepts a valid body', async () => {
    const body = location({ coordinates: { latitude: '52.3791000', longitude: '4.9003000' } });
    await expect(pipe.transform(body, LOCATION)).resolves.toBeInstanceOf(LocationWriteDto);
  });

  it.each([
    ['coordinates.altitude', { coordinates: { latitude: '52.3791000', longitude: '4.9003000', altitude: '3' } }],
    [
      'opening_times.regular_hours[0].note',
      { opening_times: { twentyfourseven: false, regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00', note: 'x' }] } },
    ],
    ['custom_groups[1].colour', { custom_groups: [{ name: 'a', external_id: '1' }, { name: 'b', external_id: '2', colour: 'red' }] }],
  ])('names the unknown nested field %s', async (path, extra) => {
    const error = await rejection(location(extra), LOCATION);
    expect(error.httpStatus).toBe(400);
    expect(error.statusCode).toBe(2001);
    expect(error.errors).toEqual([{ field: path, message: `unknown field ${path}` }]);
  });

  // SOURCE BUG (src/locations/dto/location-write.dto.ts, `coordinates`, `opening_times`, `energy_mix`:
  // @ValidateNested() without @IsObject()): class-validator validates an ARRAY given for a single
  // nested object element by element, so e.g. `"coordinates": [{ "latitude": "52.3791000", ... }]`
  // or `"energy_mix": []` passes validation. fieldsFromWrite then reads `.latitude` of an array:
  // latitude/longitude null and lat/lng NaN; energy_mix / opening_times are stored as `{}` (without
  // their required keys). Expected: 400 / 2001 naming the field.
  it.each([
    ['coordinates', { coordinates: [{ latitude: '52.3791000', longitude: '4.9003000' }] }],
    ['coordinates', { coordinates: [] }],
    ['energy_mix', { energy_mix: [{ energy_mix_profile_id: 'green-1' }] }],
    ['opening_times', { opening_times: [{ twentyfourseven: true }] }],
  ])('refuses an array where %s must be an object', async (field, extra) => {
    const error = await rejection(location(extra), LOCATION);
    expect(error.httpStatus).toBe(400);
    expect(error.errors[0].field).toBe(field);
  });

  // SOURCE BUG (src/common/validation/validation.pipe.ts, flattenValidationErrors, the
  // `/^\d+$/.test(error.property)` branch): an all-digit property name is always rendered as an
  // array index, so an unknown top-level field "0" is reported as `[0]` (and "12" inside
  // coordinates as `coordinates[12]`). Expected: the field's own name, `0`. Low impact.
  it('names an unknown all-digit field by its name, not as an array index', async () => {
    const error = await rejection(location({ '0': 'x' }), LOCATION);
    expect(error.errors).toEqual([{ field: '0', message: 'unknown field 0' }]);
  });
});
