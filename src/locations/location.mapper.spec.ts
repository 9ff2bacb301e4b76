import type { Cpo } from '../auth/cpo.entity.js';
import type { LocationDto } from './dto/location.dto.js';
import type { LocationWriteDto } from './dto/location-write.dto.js';
import type { Location } from './location.entity.js';
import {
  fieldsAfterPatch,
  fieldsFromWrite,
  fieldsOf,
  type LocationFields,
  NOT_PROVIDED,
  sameFields,
  toLocationDto,
} from './location.mapper.js';

/** Test bodies are plain objects; the mapper only reads them. */
const write = (body: Record<string, unknown>) => body as unknown as LocationWriteDto;

const REQUIRED = {
  cpo_id: 'ACME',
  name: 'Central Station P1',
  address: 'Stationsplein 1',
  city: 'Amsterdam',
  postal_code: '1012AB',
  country: 'NLD',
};

function fullBody(): Record<string, unknown> {
  return {
    ...REQUIRED,
    id: 'LOC-1',
    address_line_2: 'Level -1',
    state: 'Noord-Holland',
    coordinates: { latitude: '52.3791000', longitude: '-4.9003000' },
    type: 'PARKING_GARAGE',
    publish: false,
    directions: [
      { language: 'en', text: 'Entrance at the back' },
      { language: 'nl', text: 'Ingang aan de achterkant' },
    ],
    facilities: ['CAFE', 'WIFI'],
    time_zone: 'Europe/Amsterdam',
    opening_times: {
      twentyfourseven: false,
      regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }],
      exceptional_openings: [{ period_begin: '2026-12-24T08:00:00Z', period_end: '2026-12-24T12:00:00Z' }],
      exceptional_closings: [{ period_begin: '2026-12-25T00:00:00Z', period_end: '2026-12-26T00:00:00Z' }],
    },
    remarks: 'Height limit 2.1 m',
    maintenance_info: 'Key at the desk',
    cpo_customer_external_id: 'CUST-7',
    access_type: 'RESTRICTED',
    auth_rules: [{ type: 'ClosedGroups', value: 'staff' }],
    energy_mix: { energy_mix_profile_id: 'green-1' },
    payment_provider: 'Adyen',
    wallet_id: 'W-1',
    custom_groups: [{ name: 'Fleet', external_id: 'F-1' }],
    customised_fields: [{ type: 'colour', value: 'green' }],
    created_by: 'alice',
    modified_by: 'bob',
  };
}

/** The same content as fullBody, every object's keys in a different order. */
function reorderedBody(): Record<string, unknown> {
  return {
    modified_by: 'bob',
    created_by: 'alice',
    customised_fields: [{ value: 'green', type: 'colour' }],
    custom_groups: [{ external_id: 'F-1', name: 'Fleet' }],
    wallet_id: 'W-1',
    payment_provider: 'Adyen',
    energy_mix: { energy_mix_profile_id: 'green-1' },
    auth_rules: [{ value: 'staff', type: 'ClosedGroups' }],
    access_type: 'RESTRICTED',
    cpo_customer_external_id: 'CUST-7',
    maintenance_info: 'Key at the desk',
    remarks: 'Height limit 2.1 m',
    opening_times: {
      exceptional_closings: [{ period_end: '2026-12-26T00:00:00Z', period_begin: '2026-12-25T00:00:00Z' }],
      exceptional_openings: [{ period_end: '2026-12-24T12:00:00Z', period_begin: '2026-12-24T08:00:00Z' }],
      regular_hours: [{ period_end: '20:00', period_begin: '08:00', weekday: 1 }],
      twentyfourseven: false,
    },
    time_zone: 'Europe/Amsterdam',
    facilities: ['CAFE', 'WIFI'],
    directions: [
      { text: 'Entrance at the back', language: 'en' },
      { text: 'Ingang aan de achterkant', language: 'nl' },
    ],
    publish: false,
    type: 'PARKING_GARAGE',
    coordinates: { longitude: '-4.9003000', latitude: '52.3791000' },
    state: 'Noord-Holland',
    address_line_2: 'Level -1',
    id: 'LOC-1',
    country: 'NLD',
    postal_code: '1012AB',
    city: 'Amsterdam',
    address: 'Stationsplein 1',
    name: 'Central Station P1',
    cpo_id: 'ACME',
  };
}

const FIELD_KEYS = [
  'name',
  'address',
  'addressLine2',
  'city',
  'postalCode',
  'state',
  'country',
  'latitude',
  'longitude',
  'lat',
  'lng',
  'type',
  'publish',
  'directions',
  'facilities',
  'timeZone',
  'openingTimes',
  'remarks',
  'maintenanceInfo',
  'cpoCustomerExternalId',
  'accessType',
  'authRules',
  'energyMix',
  'paymentProvider',
  'walletId',
  'customGroups',
  'customisedFields',
  'createdBy',
  'modifiedBy',
];

describe('fieldsFromWrite', () => {
  it('gives defaults for everything optional that was not sent', () => {
    expect(fieldsFromWrite(write(REQUIRED))).toEqual({
      name: 'Central Station P1',
      address: 'Stationsplein 1',
      addressLine2: null,
      city: 'Amsterdam',
      postalCode: '1012AB',
      state: null,
      country: 'NLD',
      latitude: null,
      longitude: null,
      lat: null,
      lng: null,
      type: 'UNKNOWN',
      publish: true,
      directions: null,
      facilities: null,
      timeZone: null,
      openingTimes: null,
      remarks: null,
      maintenanceInfo: null,
      cpoCustomerExternalId: null,
      accessType: null,
      authRules: null,
      energyMix: null,
      paymentProvider: null,
      walletId: null,
      customGroups: null,
      customisedFields: null,
      createdBy: NOT_PROVIDED,
      modifiedBy: NOT_PROVIDED,
    });
    expect(NOT_PROVIDED).toBe('Not Provided');
  });

  it('sets every column a client controls, and only those', () => {
    expect(Object.keys(fieldsFromWrite(write(REQUIRED))).sort()).toEqual([...FIELD_KEYS].sort());
    const fields = fieldsFromWrite(write({ ...fullBody(), etag: 'x', evses: [], operator: {}, last_updated: 'y' }));
    expect(Object.keys(fields).sort()).toEqual([...FIELD_KEYS].sort());
  });

  it('treats explicit nulls like absent fields', () => {
    const nulls = Object.fromEntries(Object.keys(fullBody()).map((key) => [key, null]));
    expect(fieldsFromWrite(write({ ...nulls, ...REQUIRED }))).toEqual(fieldsFromWrite(write(REQUIRED)));
  });

  it('keeps publish false (the default applies only when absent)', () => {
    expect(fieldsFromWrite(write({ ...REQUIRED, publish: false })).publish).toBe(false);
  });

  it('maps every field of a full body', () => {
    expect(fieldsFromWrite(write(fullBody()))).toEqual({
      name: 'Central Station P1',
      address: 'Stationsplein 1',
      addressLine2: 'Level -1',
      city: 'Amsterdam',
      postalCode: '1012AB',
      state: 'Noord-Holland',
      country: 'NLD',
      latitude: '52.3791000',
      longitude: '-4.9003000',
      lat: 52.3791,
      lng: -4.9003,
      type: 'PARKING_GARAGE',
      publish: false,
      directions: [
        { language: 'en', text: 'Entrance at the back' },
        { language: 'nl', text: 'Ingang aan de achterkant' },
      ],
      facilities: ['CAFE', 'WIFI'],
      timeZone: 'Europe/Amsterdam',
      openingTimes: {
        twentyfourseven: false,
        regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }],
        exceptional_openings: [{ period_begin: '2026-12-24T08:00:00Z', period_end: '2026-12-24T12:00:00Z' }],
        exceptional_closings: [{ period_begin: '2026-12-25T00:00:00Z', period_end: '2026-12-26T00:00:00Z' }],
      },
      remarks: 'Height limit 2.1 m',
      maintenanceInfo: 'Key at the desk',
      cpoCustomerExternalId: 'CUST-7',
      accessType: 'RESTRICTED',
      authRules: [{ type: 'ClosedGroups', value: 'staff' }],
      energyMix: { energy_mix_profile_id: 'green-1' },
      paymentProvider: 'Adyen',
      walletId: 'W-1',
      customGroups: [{ name: 'Fleet', external_id: 'F-1' }],
      customisedFields: [{ type: 'colour', value: 'green' }],
      createdBy: 'alice',
      modifiedBy: 'bob',
    });
  });

  it.each([
    ['52.3791000', '4.9003000', 52.3791, 4.9003],
    ['-33.8688197', '151.2092955', -33.8688197, 151.2092955],
    ['0.00000', '-0.00001', 0, -0.00001],
  ])('keeps coordinates %s, %s as the strings given and as numbers', (latitude, longitude, lat, lng) => {
    const fields = fieldsFromWrite(write({ ...REQUIRED, coordinates: { latitude, longitude } }));
    expect(fields.latitude).toBe(latitude);
    expect(fields.longitude).toBe(longitude);
    expect(fields.lat).toBe(lat);
    expect(fields.lng).toBe(lng);
  });

  it('stores nested values canonically: reordered keys give identical JSON', () => {
    const a = fieldsFromWrite(write(fullBody()));
    const b = fieldsFromWrite(write(reorderedBody()));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(Object.keys(b.openingTimes as object)).toEqual([
      'twentyfourseven',
      'regular_hours',
      'exceptional_openings',
      'exceptional_closings',
    ]);
    expect(Object.keys((b.openingTimes as { regular_hours: object[] }).regular_hours[0])).toEqual([
      'weekday',
      'period_begin',
      'period_end',
    ]);
    expect(Object.keys((b.directions as object[])[0])).toEqual(['language', 'text']);
    expect(Object.keys((b.customGroups as object[])[0])).toEqual(['name', 'external_id']);
  });

  it('leaves out optional Hours lists that were not sent', () => {
    const fields = fieldsFromWrite(write({ ...REQUIRED, opening_times: { twentyfourseven: true } }));
    expect(fields.openingTimes).toEqual({ twentyfourseven: true });
    expect(Object.keys(fields.openingTimes as object)).toEqual(['twentyfourseven']);
  });

  it('drops keys nested objects do not define', () => {
    const fields = fieldsFromWrite(
      write({
        ...REQUIRED,
        energy_mix: { energy_mix_profile_id: 'p', extra: 1 },
        directions: [{ language: 'en', text: 't', extra: 1 }],
      }),
    );
    expect(fields.energyMix).toEqual({ energy_mix_profile_id: 'p' });
    expect(fields.directions).toEqual([{ language: 'en', text: 't' }]);
  });

  it('copies arrays instead of sharing them with the body', () => {
    const body = fullBody();
    const fields = fieldsFromWrite(write(body));
    (body.facilities as string[]).push('HOTEL');
    (body.directions as { text: string }[])[0].text = 'changed';
    expect(fields.facilities).toEqual(['CAFE', 'WIFI']);
    expect(fields.directions?.[0].text).toBe('Entrance at the back');
  });
});

describe('fieldsAfterPatch', () => {
  const current = () => fieldsFromWrite(write(fullBody()));

  it('an empty patch changes nothing', () => {
    expect(fieldsAfterPatch(current(), {})).toEqual(current());
  });

  it('changes only the keys present', () => {
    const patched = fieldsAfterPatch(current(), write({ name: 'Renamed', remarks: 'New remark' }));
    expect(patched).toEqual({ ...current(), name: 'Renamed', remarks: 'New remark' });
  });

  it('does not modify the current fields it was given', () => {
    const before = current();
    fieldsAfterPatch(before, write({ name: 'Renamed', facilities: ['HOTEL'] }));
    expect(before).toEqual(current());
  });

  it.each([
    ['state', 'state'],
    ['address_line_2', 'addressLine2'],
    ['remarks', 'remarks'],
    ['time_zone', 'timeZone'],
    ['directions', 'directions'],
    ['facilities', 'facilities'],
    ['opening_times', 'openingTimes'],
    ['auth_rules', 'authRules'],
    ['energy_mix', 'energyMix'],
    ['access_type', 'accessType'],
    ['custom_groups', 'customGroups'],
    ['customised_fields', 'customisedFields'],
  ])('%s: null clears it, nothing else changes', (wire, column) => {
    const patched = fieldsAfterPatch(current(), write({ [wire]: null }));
    expect(patched).toEqual({ ...current(), [column]: null });
  });

  it.each([
    ['type', 'type', 'UNKNOWN'],
    ['publish', 'publish', true],
    ['created_by', 'createdBy', NOT_PROVIDED],
    ['modified_by', 'modifiedBy', NOT_PROVIDED],
  ])('%s: null resets it to its default', (wire, column, expected) => {
    expect(fieldsAfterPatch(current(), write({ [wire]: null }))).toEqual({ ...current(), [column]: expected });
  });

  it('coordinates null clears all four coordinate columns', () => {
    expect(fieldsAfterPatch(current(), write({ coordinates: null }))).toEqual({
      ...current(),
      latitude: null,
      longitude: null,
      lat: null,
      lng: null,
    });
  });

  it('coordinates sent set all four coordinate columns', () => {
    const patched = fieldsAfterPatch(current(), write({ coordinates: { latitude: '51.9244200', longitude: '4.4777300' } }));
    expect(patched).toEqual({ ...current(), latitude: '51.9244200', longitude: '4.4777300', lat: 51.92442, lng: 4.47773 });
  });

  it('an array replaces the old one whole', () => {
    const patched = fieldsAfterPatch(
      current(),
      write({ facilities: ['HOTEL'], directions: [{ language: 'de', text: 'Hinten' }] }),
    );
    expect(patched.facilities).toEqual(['HOTEL']);
    expect(patched.directions).toEqual([{ language: 'de', text: 'Hinten' }]);
  });

  it('an object replaces the old one whole', () => {
    const patched = fieldsAfterPatch(current(), write({ opening_times: { twentyfourseven: true } }));
    expect(patched.openingTimes).toEqual({ twentyfourseven: true });
  });

  it('ignores keys that are not client-controlled columns', () => {
    const patched = fieldsAfterPatch(
      current(),
      write({ id: 'OTHER', cpo_id: 'OTHER', etag: 'x', evses: [], last_updated: '2026-01-01T00:00:00Z' }),
    );
    expect(patched).toEqual(current());
  });
});

describe('sameFields', () => {
  const base = () => fieldsFromWrite(write(fullBody()));

  it('is true for equal content', () => {
    expect(sameFields(base(), base())).toBe(true);
    expect(sameFields(base(), structuredClone(base()))).toBe(true);
    expect(sameFields(fieldsFromWrite(write(REQUIRED)), fieldsFromWrite(write(REQUIRED)))).toBe(true);
  });

  it('is true for the same content sent with keys in another order', () => {
    expect(sameFields(base(), fieldsFromWrite(write(reorderedBody())))).toBe(true);
  });

  it('is true after a patch that re-sends the current values', () => {
    expect(sameFields(base(), fieldsAfterPatch(base(), write({ name: 'Central Station P1', facilities: ['CAFE', 'WIFI'] })))).toBe(true);
  });

  it('treats undefined and null alike', () => {
    expect(sameFields({ ...base(), remarks: null }, { ...base(), remarks: undefined as never })).toBe(true);
  });

  it.each([
    ['name', { name: 'Renamed' }],
    ['address', { address: 'Elsewhere 2' }],
    ['address_line_2', { address_line_2: null }],
    ['city', { city: 'Utrecht' }],
    ['postal_code', { postal_code: '3511AA' }],
    ['state', { state: 'Utrecht' }],
    ['country', { country: 'BEL' }],
    ['coordinates (one digit)', { coordinates: { latitude: '52.3791001', longitude: '-4.9003000' } }],
    ['coordinates (same number, other string)', { coordinates: { latitude: '52.37910', longitude: '-4.9003000' } }],
    ['type', { type: 'ON_STREET' }],
    ['publish', { publish: true }],
    ['directions (text)', { directions: [{ language: 'en', text: 'Entrance at the front' }] }],
    ['directions (order)', {
      directions: [
        { language: 'nl', text: 'Ingang aan de achterkant' },
        { language: 'en', text: 'Entrance at the back' },
      ],
    }],
    ['facilities (order)', { facilities: ['WIFI', 'CAFE'] }],
    ['facilities (one more)', { facilities: ['CAFE', 'WIFI', 'HOTEL'] }],
    ['time_zone', { time_zone: 'Europe/Brussels' }],
    ['opening_times', { opening_times: { twentyfourseven: true } }],
    ['remarks', { remarks: 'Other' }],
    ['maintenance_info', { maintenance_info: null }],
    ['cpo_customer_external_id', { cpo_customer_external_id: 'CUST-8' }],
    ['access_type', { access_type: 'PUBLIC' }],
    ['auth_rules', { auth_rules: [{ type: 'ClosedGroups', value: 'visitors' }] }],
    ['energy_mix', { energy_mix: { energy_mix_profile_id: 'green-2' } }],
    ['payment_provider', { payment_provider: 'Stripe' }],
    ['wallet_id', { wallet_id: 'W-2' }],
    ['custom_groups', { custom_groups: [] }],
    ['customised_fields', { customised_fields: [{ type: 'colour', value: 'blue' }] }],
    ['created_by', { created_by: 'carol' }],
    ['modified_by', { modified_by: 'dave' }],
  ])('is false after a change of %s', (_label, patch) => {
    expect(sameFields(base(), fieldsAfterPatch(base(), write(patch)))).toBe(false);
  });

  it('is false after a change of any single column', () => {
    for (const key of FIELD_KEYS) {
      const changed = { ...base(), [key]: `changed-${key}` } as LocationFields;
      expect({ key, same: sameFields(base(), changed) }).toEqual({ key, same: false });
      expect({ key, same: sameFields(changed, base()) }).toEqual({ key, same: false });
    }
  });
});

const CPO = { pk: 7, cpoId: 'ACME', name: 'Acme Charging', countryCode: 'NL', partyId: 'ACM', created: 0 } as Cpo;

function entity(overrides: Partial<Location> = {}): Location {
  return {
    ...fieldsFromWrite(write(fullBody())),
    id: 'LOC-1',
    cpoPk: 7,
    etag: '5f0c7b1e-2a4d-4c1b-9a8e-0d3f6b7c8e91',
    created: Date.UTC(2026, 0, 1, 8, 0, 0, 5),
    modified: Date.UTC(2026, 1, 2, 9, 30, 0),
    lastUpdated: Date.UTC(2026, 2, 3, 10, 45, 1, 120),
    ...overrides,
  } as Location;
}

const DTO_KEYS = [
  'id',
  'cpo_id',
  'type',
  'name',
  'address',
  'address_line_2',
  'city',
  'postal_code',
  'state',
  'country',
  'coordinates',
  'publish',
  'directions',
  'operator',
  'suboperator',
  'owner',
  'facilities',
  'time_zone',
  'opening_times',
  'remarks',
  'maintenance_info',
  'cpo_customer_external_id',
  'access_type',
  'auth_rules',
  'energy_mix',
  'payment_provider',
  'wallet_id',
  'custom_groups',
  'customised_fields',
  'created_by',
  'modified_by',
  'etag',
  'created',
  'modified',
  'last_updated',
];

describe('toLocationDto', () => {
  it('has exactly the wire keys, and no evses when they are undefined', () => {
    const dto = toLocationDto(entity(), CPO, undefined);
    expect(Object.keys(dto).sort()).toEqual([...DTO_KEYS].sort());
    expect(dto).not.toHaveProperty('evses');
  });

  it.each([
    ['an empty list', []],
    ['a list', [{ uid: 'EVSE-1' }]],
  ])('includes evses when given %s', (_label, evses) => {
    const dto = toLocationDto(entity(), CPO, evses as unknown as LocationDto['evses']);
    expect(Object.keys(dto).sort()).toEqual([...DTO_KEYS, 'evses'].sort());
    expect(dto.evses).toEqual(evses);
  });

  it('maps the values', () => {
    const dto = toLocationDto(entity(), CPO, undefined);
    expect(dto).toMatchObject({
      id: 'LOC-1',
      cpo_id: 'ACME',
      type: 'PARKING_GARAGE',
      address_line_2: 'Level -1',
      postal_code: '1012AB',
      coordinates: { latitude: '52.3791000', longitude: '-4.9003000' },
      publish: false,
      operator: { name: 'Acme Charging', website: null, logo: null },
      suboperator: null,
      owner: null,
      time_zone: 'Europe/Amsterdam',
      energy_mix: { energy_mix_profile_id: 'green-1' },
      created_by: 'alice',
      modified_by: 'bob',
      etag: '5f0c7b1e-2a4d-4c1b-9a8e-0d3f6b7c8e91',
      created: '2026-01-01T08:00:00.005Z',
      modified: '2026-02-02T09:30:00.000Z',
      last_updated: '2026-03-03T10:45:01.120Z',
    });
  });

  it('writes coordinates as null when they are not stored', () => {
    const dto = toLocationDto(entity({ latitude: null, longitude: null, lat: null, lng: null }), CPO, undefined);
    expect(dto.coordinates).toBeNull();
    expect(dto).toHaveProperty('coordinates', null);
  });

  it('round-trips: the DTO written back gives the same fields', () => {
    const dto = toLocationDto(entity(), CPO, undefined);
    expect(sameFields(fieldsFromWrite(write(dto as unknown as Record<string, unknown>)), fieldsOf(entity()))).toBe(true);
  });
});

describe('fieldsOf', () => {
  it('picks exactly the client-controlled columns of an entity', () => {
    const fields = fieldsOf(entity());
    expect(Object.keys(fields).sort()).toEqual([...FIELD_KEYS].sort());
    expect(fields).toEqual(fieldsFromWrite(write(fullBody())));
  });
});
