import { loadOcpiSchema, ocpiErrors, ocpiSpecExamples, ocpiTypeErrors, type OcpiSchemaName } from '../../test/ocpi/ocpi-schemas.js';

/**
 * The JSON Schemas of test/ocpi/schemas against the OCPI 2.2.1 tables: they accept complete and
 * minimal objects and the specification's own examples, and refuse each way of breaking a rule.
 */

const clone = <T>(value: T): T => structuredClone(value);

const connector = {
  id: '1',
  standard: 'IEC_62196_T2',
  format: 'SOCKET',
  power_type: 'AC_3_PHASE',
  max_voltage: 230,
  max_amperage: 32,
  max_electric_power: 22000,
  tariff_ids: ['TARIFF-AC'],
  terms_and_conditions: 'https://acme.example/terms',
  last_updated: '2026-11-02T09:30:00.000Z',
};

const image = {
  url: 'https://acme.example/img/charger.jpg',
  thumbnail: 'https://acme.example/img/charger-thumb.jpg',
  category: 'CHARGER',
  type: 'jpeg',
  width: 800,
  height: 600,
};

const evse = {
  uid: 'NL-ACM-ECS-0001-1',
  evse_id: 'NL*ACM*ECS0001*1',
  status: 'AVAILABLE',
  status_schedule: [{ period_begin: '2026-12-01T08:00:00Z', period_end: '2026-12-01T17:00:00Z', status: 'INOPERATIVE' }],
  capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
  connectors: [connector],
  floor_level: '-1',
  coordinates: { latitude: '52.3740311', longitude: '4.8896911' },
  physical_reference: 'Bay 3',
  directions: [{ language: 'nl', text: 'Achter de slagboom links' }],
  parking_restrictions: ['EV_ONLY'],
  images: [image],
  last_updated: '2026-11-02T09:31:00.000Z',
};

const location = {
  country_code: 'NL',
  party_id: 'ACM',
  id: 'LOC-AMS-0042',
  publish: true,
  name: 'Central Station P1',
  address: 'Stationsplein 1',
  city: 'Amsterdam',
  postal_code: '1012AB',
  state: 'Noord-Holland',
  country: 'NLD',
  coordinates: { latitude: '52.37403', longitude: '4.88969' },
  related_locations: [{ latitude: '52.37450', longitude: '4.88990', name: { language: 'en', text: 'Entrance' } }],
  parking_type: 'PARKING_GARAGE',
  evses: [evse],
  directions: [{ language: 'en', text: 'Level -1, follow the green signs' }],
  operator: { name: 'Acme Charging', website: 'https://acme.example', logo: { url: 'https://acme.example/logo.png', category: 'OPERATOR', type: 'png' } },
  facilities: ['TRAIN_STATION', 'WIFI'],
  time_zone: 'Europe/Amsterdam',
  opening_times: {
    twentyfourseven: false,
    regular_hours: [{ weekday: 1, period_begin: '06:00', period_end: '23:30' }],
    exceptional_closings: [{ period_begin: '2026-12-25T00:00:00Z', period_end: '2026-12-26T00:00:00Z' }],
  },
  charging_when_closed: true,
  images: [image],
  energy_mix: {
    is_green_energy: false,
    energy_sources: [
      { source: 'WIND', percentage: 60.5 },
      { source: 'GAS', percentage: 39.5 },
    ],
    environ_impact: [{ category: 'CARBON_DIOXIDE', amount: 150 }],
    supplier_name: 'Acme Energy',
    energy_product_name: 'Acme Mix',
  },
  last_updated: '2026-11-02T09:31:00.000Z',
};

const minimalConnector = {
  id: '1',
  standard: 'CHADEMO',
  format: 'CABLE',
  power_type: 'DC',
  max_voltage: 500,
  max_amperage: 125,
  last_updated: '2026-11-02T09:30:00Z',
};
const minimalEvse = { uid: 'E1', status: 'UNKNOWN', connectors: [minimalConnector], last_updated: '2026-11-02T09:30:00Z' };
const minimalLocation = {
  country_code: 'NL',
  party_id: 'ACM',
  id: 'L1',
  publish: false,
  address: 'Dorpsstraat 1',
  city: 'Ee',
  country: 'NLD',
  coordinates: { latitude: '53.00000', longitude: '6.00000' },
  time_zone: 'Europe/Amsterdam',
  last_updated: '2026-11-02T09:30:00Z',
};

const OBJECTS = { location, evse, connector } as const;

/** Sets `path` (dot-separated, array indexes as numbers) in a copy of `value`; `undefined` deletes it. */
function withValue<T>(value: T, path: string, replacement: unknown): T {
  const copy = clone(value) as any;
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce((node, key) => node[key], copy);
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy as T;
}

describe('valid OCPI 2.2.1 objects', () => {
  it.each([
    ['location', location],
    ['evse', evse],
    ['connector', connector],
    ['location', minimalLocation],
    ['evse', minimalEvse],
    ['connector', minimalConnector],
  ] as [OcpiSchemaName, unknown][])('a %s is accepted', (name, value) => {
    expect(ocpiErrors(name, value)).toEqual([]);
  });

  it('a Location that is not published may name the tokens that may see it', () => {
    const restricted = {
      ...minimalLocation,
      publish_allowed_to: [{ uid: '12345678', type: 'RFID' }, { visual_number: 'NL-ACM-000123-4', issuer: 'Acme' }, { group_id: 'FLEET-7' }],
    };
    expect(ocpiErrors('location', restricted)).toEqual([]);
  });

  it('the timestamps OCPI lists as its formats are accepted, and 29 February of leap years', () => {
    for (const timestamp of [
      '2015-06-29T20:39:09Z',
      '2015-06-29T20:39:09',
      '2016-12-29T17:45:09.2Z',
      '2016-12-29T17:45:09.2',
      '2018-01-01T01:08:01.123Z',
      '2018-01-01T01:08:01.123',
      '2024-02-29T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '2026-01-01T00:00:00.1234Z',
    ]) {
      expect([timestamp, ocpiErrors('connector', { ...connector, last_updated: timestamp })]).toEqual([timestamp, []]);
    }
  });

  it('the response envelope: data, status_code, status_message, timestamp; an error without data', () => {
    expect(ocpiErrors('response', { data: [location], status_code: 1000, status_message: 'Success', timestamp: '2026-11-02T09:31:00.000Z' })).toEqual([]);
    expect(ocpiErrors('response', { status_code: 2001, status_message: 'Missing required field: type', timestamp: '2015-06-30T21:59:59Z' })).toEqual([]);
  });
});

describe('required fields (Card. 1 and +) of the specification tables', () => {
  const REQUIRED: Record<keyof typeof OBJECTS, string[]> = {
    location: ['country_code', 'party_id', 'id', 'publish', 'address', 'city', 'country', 'coordinates', 'time_zone', 'last_updated'],
    evse: ['uid', 'status', 'connectors', 'last_updated'],
    connector: ['id', 'standard', 'format', 'power_type', 'max_voltage', 'max_amperage', 'last_updated'],
  };

  it.each(Object.keys(REQUIRED) as (keyof typeof OBJECTS)[])('the %s schema requires exactly the fields the table does', (name) => {
    expect([...loadOcpiSchema(name).required].sort()).toEqual([...REQUIRED[name]].sort());
  });

  const cases = (Object.entries(REQUIRED) as [keyof typeof OBJECTS, string[]][]).flatMap(([name, fields]) =>
    fields.map((field) => [name, field] as const),
  );
  it.each(cases)('a %s without %s is refused', (name, field) => {
    expect(ocpiErrors(name, withValue(OBJECTS[name], field, undefined))).not.toEqual([]);
  });

  it.each([
    ['GeoLocation', { latitude: '52.37403' }],
    ['GeoLocation', { longitude: '4.88969' }],
    ['DisplayText', { language: 'en' }],
    ['DisplayText', { text: 'Entrance' }],
    ['Image', { url: 'https://acme.example/a.png', category: 'OTHER' }],
    ['BusinessDetails', { website: 'https://acme.example' }],
    ['RegularHours', { weekday: 1, period_begin: '08:00' }],
    ['ExceptionalPeriod', { period_begin: '2026-12-25T00:00:00Z' }],
    ['Hours', { regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '18:00' }] }],
    ['StatusSchedule', { period_begin: '2026-12-01T08:00:00Z' }],
    ['StatusSchedule', { status: 'PLANNED' }],
    ['EnergyMix', { supplier_name: 'Acme Energy' }],
    ['EnergySource', { source: 'WIND' }],
    ['EnvironmentalImpact', { amount: 1 }],
  ])('a %s without a required field (%j) is refused', (type, value) => {
    expect(ocpiTypeErrors(type, value)).not.toEqual([]);
  });

  it('an EVSE needs at least one connector', () => {
    expect(ocpiErrors('evse', { ...evse, connectors: [] })).not.toEqual([]);
  });

  it('a Location without time_zone is refused', () => {
    expect(ocpiErrors('location', withValue(minimalLocation, 'time_zone', undefined))).not.toEqual([]);
  });
});

describe('string lengths: string(n) and CiString(n) take n characters, not n + 1', () => {
  /** [object, path, n, a character to fill with] */
  const LENGTHS: [keyof typeof OBJECTS, string, number, string][] = [
    ['location', 'country_code', 2, 'N'],
    ['location', 'party_id', 3, 'A'],
    ['location', 'id', 36, 'L'],
    ['location', 'name', 255, 'é'],
    ['location', 'address', 255, 'ß'],
    ['location', 'city', 45, 'ö'],
    ['location', 'postal_code', 10, '1'],
    ['location', 'state', 45, 'N'],
    ['location', 'country', 3, 'N'],
    ['location', 'time_zone', 255, 'Z'],
    ['location', 'directions.0.text', 512, 'ü'],
    ['location', 'operator.name', 100, 'A'],
    ['location', 'energy_mix.supplier_name', 64, 'A'],
    ['location', 'energy_mix.energy_product_name', 64, 'A'],
    ['evse', 'uid', 36, 'E'],
    ['evse', 'evse_id', 48, 'E'],
    ['evse', 'floor_level', 4, '1'],
    ['evse', 'physical_reference', 16, 'B'],
    ['evse', 'images.0.type', 4, 'x'],
    ['connector', 'id', 36, '1'],
    ['connector', 'tariff_ids.0', 36, 'T'],
  ];

  it.each(LENGTHS)('%s %s: %i characters pass, one more is refused', (name, path, n, fill) => {
    expect(ocpiErrors(name, withValue(OBJECTS[name], path, fill.repeat(n)))).toEqual([]);
    expect(ocpiErrors(name, withValue(OBJECTS[name], path, fill.repeat(n + 1)))).not.toEqual([]);
  });

  it('exact lengths: country_code of 1, party_id of 2, country of 2 and a language of 1 are refused', () => {
    expect(ocpiErrors('location', { ...minimalLocation, country_code: 'N' })).not.toEqual([]);
    expect(ocpiErrors('location', { ...minimalLocation, party_id: 'AC' })).not.toEqual([]);
    expect(ocpiErrors('location', { ...minimalLocation, country: 'NL' })).not.toEqual([]);
    expect(ocpiTypeErrors('DisplayText', { language: 'e', text: 'x' })).not.toEqual([]);
  });

  it('a URL takes 255 characters', () => {
    const url = (n: number) => `https://acme.example/${'a'.repeat(n - 'https://acme.example/'.length)}`;
    expect(ocpiErrors('connector', { ...connector, terms_and_conditions: url(255) })).toEqual([]);
    expect(ocpiErrors('connector', { ...connector, terms_and_conditions: url(256) })).not.toEqual([]);
    expect(ocpiErrors('evse', withValue(evse, 'images.0.url', url(256)))).not.toEqual([]);
    expect(ocpiErrors('connector', { ...connector, terms_and_conditions: 'not a url' })).not.toEqual([]);
  });

  it('a string has no control characters; a CiString is printable ASCII', () => {
    expect(ocpiErrors('location', { ...location, name: 'Line one\nline two' })).not.toEqual([]);
    expect(ocpiErrors('location', { ...location, address: 'Tab\there' })).not.toEqual([]);
    expect(ocpiErrors('location', { ...location, id: 'LOC-é' })).not.toEqual([]);
    expect(ocpiErrors('evse', { ...evse, uid: 'E 1\u0000' })).not.toEqual([]);
    expect(ocpiErrors('location', { ...location, name: 'Café Zürich – Bahnhof' })).toEqual([]);
  });
});

describe('enums', () => {
  /** [object, path, a value the enum does not have] — one per enum the objects use. */
  const ENUM_FIELDS: [keyof typeof OBJECTS, string, string][] = [
    ['location', 'parking_type', 'OTHER'],
    ['location', 'facilities.0', 'GYM'],
    ['location', 'images.0.category', 'PHOTO'],
    ['location', 'energy_mix.energy_sources.0.source', 'HYDRO'],
    ['location', 'energy_mix.environ_impact.0.category', 'METHANE'],
    ['evse', 'status', 'OFFLINE'],
    ['evse', 'status_schedule.0.status', 'CLOSED'],
    ['evse', 'capabilities.0', 'NFC'],
    ['evse', 'parking_restrictions.0', 'TAXI'],
    ['connector', 'standard', 'TYPE_2'],
    ['connector', 'standard', 'iec_62196_t2'],
    ['connector', 'format', 'PLUG'],
    ['connector', 'power_type', 'AC'],
  ];

  it.each(ENUM_FIELDS)('%s %s: %s is refused', (name, path, value) => {
    expect(ocpiErrors(name, withValue(OBJECTS[name], path, value))).not.toEqual([]);
  });

  it('a PublishTokenType of an unknown token type is refused', () => {
    expect(ocpiErrors('location', { ...minimalLocation, publish_allowed_to: [{ uid: '1', type: 'NFC' }] })).not.toEqual([]);
  });

  it.each([
    ['ConnectorType', 40],
    ['Capability', 13],
    ['Facility', 20],
    ['ParkingType', 6],
    ['PowerType', 5],
    ['Status', 9],
    ['ParkingRestriction', 5],
    ['ImageCategory', 7],
    ['EnergySourceCategory', 8],
    ['EnvironmentalImpactCategory', 2],
    ['TokenType', 4],
    ['ConnectorFormat', 2],
  ])('%s has the %i values of its table', (type, count) => {
    expect(loadOcpiSchema('types').$defs[type].enum).toHaveLength(count);
  });
});

describe('coordinates', () => {
  it.each(['52.37403', '-52.374031', '52.3740311', '5.12345', '-5.1234567', '0.000000'])('latitude %s is accepted', (latitude) => {
    expect(ocpiErrors('location', withValue(location, 'coordinates.latitude', latitude))).toEqual([]);
  });

  it.each([
    ['four decimals', '52.3740'],
    ['eight decimals', '52.37403111'],
    ['three integer digits', '152.37403'],
    ['a comma', '52,37403'],
    ['a plus sign', '+52.37403'],
    ['no integer part', '.374030'],
    ['a space', '52.37403 '],
    ['a number, not a string', 52.37403],
    ['eleven characters (the regex allows them, string(10) does not)', '-52.1234567'],
  ])('latitude with %s is refused', (_, latitude) => {
    expect(ocpiErrors('location', withValue(location, 'coordinates.latitude', latitude))).not.toEqual([]);
  });

  it.each([
    ['four integer digits', '1234.56789'],
    ['four decimals', '4.8896'],
    ['twelve characters (regex allows it, string(11) does not)', '-123.1234567'],
  ])('longitude with %s is refused', (_, longitude) => {
    expect(ocpiErrors('location', withValue(location, 'coordinates.longitude', longitude))).not.toEqual([]);
  });

  it('the same rules hold for an EVSE and for related locations', () => {
    expect(ocpiErrors('evse', withValue(evse, 'coordinates.longitude', '4,88969'))).not.toEqual([]);
    expect(ocpiErrors('location', withValue(location, 'related_locations.0.latitude', '100.00000'))).not.toEqual([]);
  });
});

describe('DateTime', () => {
  it.each([
    ['an offset (+00:00 is not UTC)', '2026-11-02T09:30:00+00:00'],
    ['another offset', '2026-11-02T10:30:00+01:00'],
    ['a space for T', '2026-11-02 09:30:00Z'],
    ['lower-case t and z', '2026-11-02t09:30:00z'],
    ['no seconds', '2026-11-02T09:30Z'],
    ['a date only', '2026-11-02'],
    ['hour 24', '2026-11-02T24:00:00Z'],
    ['minute 60', '2026-11-02T09:60:00Z'],
    ['month 13', '2026-13-02T09:30:00Z'],
    ['31 April', '2026-04-31T09:30:00Z'],
    ['29 February of a common year', '2026-02-29T09:30:00Z'],
    ['29 February 1900', '1900-02-29T09:30:00Z'],
    ['26 characters', '2026-11-02T09:30:00.12345Z'],
    ['a number', 1793612400000],
    ['an empty string', ''],
  ])('with %s is refused', (_, timestamp) => {
    expect(ocpiErrors('connector', { ...connector, last_updated: timestamp })).not.toEqual([]);
    expect(ocpiTypeErrors('ExceptionalPeriod', { period_begin: timestamp, period_end: '2026-12-26T00:00:00Z' })).not.toEqual([]);
  });

  it('the response envelope needs a DateTime timestamp and a four-digit status_code', () => {
    expect(ocpiErrors('response', { data: [], status_code: 1000, status_message: 'Success' })).not.toEqual([]);
    expect(ocpiErrors('response', { data: [], status_code: 200, timestamp: '2026-11-02T09:30:00Z' })).not.toEqual([]);
    expect(ocpiErrors('response', { data: [], status_code: 1000, timestamp: '2026-11-02T09:30:00+01:00' })).not.toEqual([]);
  });
});

describe('the rules between fields', () => {
  it('Hours: regular_hours only with twentyfourseven false, and then at least one', () => {
    expect(ocpiTypeErrors('Hours', { twentyfourseven: true })).toEqual([]);
    expect(ocpiTypeErrors('Hours', { twentyfourseven: true, regular_hours: [] })).toEqual([]);
    expect(ocpiTypeErrors('Hours', { twentyfourseven: false })).not.toEqual([]);
    expect(ocpiTypeErrors('Hours', { twentyfourseven: false, regular_hours: [] })).not.toEqual([]);
    expect(ocpiTypeErrors('Hours', { twentyfourseven: true, regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '18:00' }] })).not.toEqual([]);
  });

  it.each([
    [{ weekday: 0, period_begin: '08:00', period_end: '18:00' }],
    [{ weekday: 8, period_begin: '08:00', period_end: '18:00' }],
    [{ weekday: 1, period_begin: '8:00', period_end: '18:00' }],
    [{ weekday: 1, period_begin: '08:00', period_end: '24:00' }],
    [{ weekday: 1, period_begin: '08:00', period_end: '18:60' }],
  ])('RegularHours %j is refused', (hours) => {
    expect(ocpiTypeErrors('RegularHours', hours)).not.toEqual([]);
  });

  it('PublishTokenType: uid, visual_number or group_id; type with uid; issuer with visual_number', () => {
    expect(ocpiTypeErrors('PublishTokenType', {})).not.toEqual([]);
    expect(ocpiTypeErrors('PublishTokenType', { issuer: 'Acme' })).not.toEqual([]);
    expect(ocpiTypeErrors('PublishTokenType', { uid: '123' })).not.toEqual([]);
    expect(ocpiTypeErrors('PublishTokenType', { visual_number: '123' })).not.toEqual([]);
    expect(ocpiTypeErrors('PublishTokenType', { group_id: 'G' })).toEqual([]);
  });

  it('publish_allowed_to only when publish is false', () => {
    expect(ocpiErrors('location', { ...minimalLocation, publish: true, publish_allowed_to: [{ group_id: 'G' }] })).not.toEqual([]);
  });

  it('EnergySource percentages lie within 0–100', () => {
    expect(ocpiTypeErrors('EnergySource', { source: 'SOLAR', percentage: 100.5 })).not.toEqual([]);
    expect(ocpiTypeErrors('EnergySource', { source: 'SOLAR', percentage: -1 })).not.toEqual([]);
  });

  it('int(5) image sizes and integer voltages', () => {
    expect(ocpiErrors('evse', withValue(evse, 'images.0.width', 100000))).not.toEqual([]);
    expect(ocpiErrors('connector', { ...connector, max_voltage: 230.5 })).not.toEqual([]);
    expect(ocpiErrors('connector', { ...connector, max_amperage: '32' })).not.toEqual([]);
  });
});

describe('what this service sends: no unknown fields, no nulls', () => {
  it('an unknown property is refused at every level', () => {
    expect(ocpiErrors('location', { ...location, address_line_2: 'Unit 4' })).not.toEqual([]);
    expect(ocpiErrors('evse', { ...evse, evse_sequence_number: 1 })).not.toEqual([]);
    expect(ocpiErrors('connector', { ...connector, voltage: 230 })).not.toEqual([]);
    expect(ocpiErrors('evse', withValue(evse, 'status_schedule.0.status_message', 'Maintenance'))).not.toEqual([]);
  });

  it('an optional field is left out, not sent as null', () => {
    expect(ocpiErrors('location', { ...location, name: null })).not.toEqual([]);
    expect(ocpiErrors('evse', { ...evse, evse_id: null })).not.toEqual([]);
    expect(ocpiErrors('connector', { ...connector, tariff_ids: null })).not.toEqual([]);
  });
});

/**
 * The specification's own JSON examples (see ocpiSpecExamples for where they come from). Every
 * complete object validates; fragments validate as the type they show; PATCH bodies applied to a
 * complete object give a valid object. One example is broken in the specification itself.
 */
const examples = ocpiSpecExamples();
(examples ? describe : describe.skip)('the OCPI 2.2.1 specification examples', () => {
  const example = (file: string): any => {
    if (!examples?.has(file)) throw new Error(`${file} is not among the examples`);
    return examples.get(file);
  };

  it.each([
    'location_example.json',
    'location_example_parking_garage_opening_hours.json',
    'location_example_uc2_destination_charger.json',
    'location_example_uc3_destination_charger_not_published.json',
    'location_example_uc4_limited_visibility.json',
    'location_example_uc5_home_charge_point.json',
  ])('%s is a valid Location, and its EVSEs and connectors are valid on their own', (file) => {
    const value = example(file);
    expect(ocpiErrors('location', value)).toEqual([]);
    for (const e of value.evses) {
      expect(ocpiErrors('evse', e)).toEqual([]);
      for (const c of e.connectors) expect(ocpiErrors('connector', c)).toEqual([]);
    }
  });

  it.each([
    ['location_hours_247_open_exception_closing.json', 'Hours', (v: any) => v],
    ['location_hours_opening_hours_with_exceptional_closing.json', 'Hours', (v: any) => v],
    ['location_hours_opening_hours_with_exceptional_opening.json', 'Hours', (v: any) => v],
    ['location_regularhours_example.json', 'Hours', (v: any) => v.opening_times],
    ['location_energymix_example_simple.json', 'EnergyMix', (v: any) => v.energy_mix],
    ['location_energymix_example_energy_provider.json', 'EnergyMix', (v: any) => v.energy_mix],
    ['location_energymix_example_complete.json', 'EnergyMix', (v: any) => v.energy_mix],
    ['type_displaytext_example.json', 'DisplayText', (v: any) => v],
  ])('%s is a valid %s', (file, type, part) => {
    expect(ocpiTypeErrors(type, part(example(file)))).toEqual([]);
  });

  it.each([
    ['location_patch_example_location.json', 'location', location],
    ['location_patch_example_status.json', 'evse', evse],
    ['location_patch_example_remove_evse.json', 'evse', evse],
    ['location_patch_example_tariff.json', 'connector', connector],
  ] as [string, OcpiSchemaName, object][])('the PATCH body %s, applied to a %s, gives a valid one', (file, name, base) => {
    expect(ocpiErrors(name, { ...base, ...example(file) })).toEqual([]);
  });

  it('location_put_example_add_evse.json is refused: the specification\'s own example breaks its EVSE table', () => {
    const errors = ocpiErrors('evse', example('location_put_example_add_evse.json'));
    // `floor` is not a field (floor_level is), physical_reference is a number, not string(16), and the
    // connector lacks power_type, max_voltage, max_amperage and last_updated.
    expect(errors.join('\n')).toMatch(/additionalProperty.*floor/);
    expect(errors.join('\n')).toMatch(/\/physical_reference/);
    for (const field of ['power_type', 'max_voltage', 'max_amperage', 'last_updated']) {
      expect(errors.join('\n')).toContain(`"missingProperty":"${field}"`);
    }
  });
});
