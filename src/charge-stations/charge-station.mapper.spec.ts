import 'reflect-metadata';
import { getMetadataArgsStorage } from 'typeorm';
import { loadSettings } from '../settings/settings.js';
import { ChargeStation } from './charge-station.entity.js';
import { reportedFields, STORED_WIRE_FIELDS, stationFieldsFromWrite, toChargeStationDto } from './charge-station.mapper.js';
import { ChargeStationDto } from './dto/charge-station.dto.js';
import { ChargeStationWriteDto } from './dto/charge-station-write.dto.js';

/**
 * Adding a field to a station is a recipe (CONTRIBUTING.md): these tests fail when one of its steps
 * is forgotten, instead of the field compiling and silently never being stored or answered.
 */
const settings = loadSettings({});

/** The properties a DTO documents (the OpenAPI schema's), in order. */
const documented = (dto: abstract new () => object): string[] =>
  ((Reflect.getMetadata('swagger/apiModelPropertiesArray', dto.prototype) as string[] | undefined) ?? []).map((p) => p.replace(/^:/, ''));
const documentation = (dto: abstract new () => object, property: string) =>
  Reflect.getMetadata('swagger/apiModelProperties', dto.prototype, property) as { type?: unknown; enum?: unknown[]; format?: string; maxLength?: number; isArray?: boolean };

/** Write fields kept elsewhere than a column of the station row, and where. */
const NOT_OWN_COLUMNS: Record<string, string> = {
  charge_station_id: 'the station key, set on create and never changed',
  evses: 'the evses and connectors tables',
  etag: 'the version a write is based on (EtagInterceptor), never stored from a body',
};
/** Answer fields that are not stored as sent: derived, live, or the station's version. */
const DERIVED = ['charge_station_id', 'status', 'connectivity_status', 'client_ip_address', 'charging_speed', 'evses', 'etag', 'created', 'modified', 'last_updated'];
const REPORTED = Object.keys(reportedFields(undefined, settings));

/** Sample values of the structured fields (scalars are made from their documentation). */
const STRUCTURED: Record<string, unknown> = {
  default_charge_station_directions: [{ language: 'en', text: 'Left of the entrance' }],
  status_schedule: [{ period_begin: '2026-01-01T00:00:00.000Z', period_end: '2026-01-02T00:00:00.000Z', status: 'BLOCKED', status_message: 'Works' }],
  auth_rules: [{ type: 'ClosedGroups', value: 'G-1' }],
};

/** A value of a write field that no default equals: the last enum value, a timestamp, a text, a number, true. */
function sampleValue(field: string): unknown {
  if (field in STRUCTURED) return STRUCTURED[field];
  const doc = documentation(ChargeStationWriteDto, field);
  if (doc.enum) return doc.enum[doc.enum.length - 1];
  if (doc.isArray || (typeof doc.type === 'function' && ![String, Number, Boolean].includes(doc.type as never))) {
    throw new Error(`${field} is structured: give it a sample value in STRUCTURED`);
  }
  if (doc.format === 'date-time') return '2026-01-02T03:04:05.006Z';
  if (doc.type === Number || doc.type === 'number' || doc.type === 'integer') return 7;
  if (doc.type === Boolean || doc.type === 'boolean') return true;
  return `v-${field}`.slice(0, doc.maxLength ?? 255);
}

describe('a station field is stored and answered', () => {
  it('every field a write accepts is stored in a column of the station row (WIRE_FIELDS), or kept where NOT_OWN_COLUMNS says, or read-only', () => {
    const unmapped = documented(ChargeStationWriteDto).filter(
      (field) => !STORED_WIRE_FIELDS.includes(field as never) && !(field in NOT_OWN_COLUMNS) && !DERIVED.includes(field) && !REPORTED.includes(field),
    );
    expect(unmapped).toEqual([]);
  });

  it('every stored field is a column of the entity', () => {
    const columns = new Set(
      getMetadataArgsStorage()
        .columns.filter((c) => c.target === ChargeStation || (typeof c.target === 'function' && ChargeStation.prototype instanceof c.target))
        .map((c) => c.propertyName),
    );
    expect(Object.keys(stationFieldsFromWrite({})).filter((property) => !columns.has(property))).toEqual([]);
  });

  it('the answer has exactly the fields its DTO documents', () => {
    const station = Object.assign(new ChargeStation(), { chargeStationId: 'CS-1', etag: 'e', created: 0, modified: 0, lastUpdated: 0, ...stationFieldsFromWrite({}) });
    expect(Object.keys(toChargeStationDto({ station, config: undefined, evses: [] }, settings)).sort()).toEqual(documented(ChargeStationDto).sort());
  });

  it('every stored field comes back in the answer as it was written', () => {
    const body = Object.fromEntries(STORED_WIRE_FIELDS.map((field) => [field, sampleValue(field)]));
    const station = Object.assign(new ChargeStation(), { chargeStationId: 'CS-1', etag: 'e', created: 0, modified: 0, lastUpdated: 0, ...stationFieldsFromWrite(body) });
    const answer = toChargeStationDto({ station, config: undefined, evses: [] }, settings) as unknown as Record<string, unknown>;
    const lost = STORED_WIRE_FIELDS.filter((field) => JSON.stringify(answer[field]) !== JSON.stringify(body[field]));
    expect(lost).toEqual([]);
  });
});
