import { ocpiErrors } from '../../../test/ocpi/ocpi-schemas.js';
import { aConnector, anEvse, aStation } from '../../../test/ocpi/service-objects.js';
import { EVSE_STATUSES } from '../../charge-stations/rules/station-status.js';
import { CAPABILITIES, IMAGE_CATEGORIES, PARKING_RESTRICTIONS } from '../../evses/evse.types.js';
import { CONNECTOR_FORMATS, CONNECTOR_STANDARDS, POWER_TYPES } from '../../evses/rules/connectors.js';
import {
  OCPI_CAPABILITIES,
  OCPI_CONNECTOR_FORMATS,
  OCPI_CONNECTOR_TYPES,
  OCPI_IMAGE_CATEGORIES,
  OCPI_PARKING_RESTRICTIONS,
  OCPI_POWER_TYPES,
  OCPI_STATUSES,
} from '../ocpi-2.2.1.types.js';
import { toOcpiConnector, toOcpiEvse } from './evse.mapping.js';

const station = aStation();
const LONG_URL = `https://acme.example/${'a'.repeat(240)}`;

describe('our values are OCPI values', () => {
  it.each([
    ['connector standards', CONNECTOR_STANDARDS, OCPI_CONNECTOR_TYPES],
    ['connector formats', CONNECTOR_FORMATS, OCPI_CONNECTOR_FORMATS],
    ['power types', POWER_TYPES, OCPI_POWER_TYPES],
    ['EVSE statuses', EVSE_STATUSES, OCPI_STATUSES],
    ['capabilities', CAPABILITIES, OCPI_CAPABILITIES],
    ['parking restrictions', PARKING_RESTRICTIONS, OCPI_PARKING_RESTRICTIONS],
    ['image categories', IMAGE_CATEGORIES, OCPI_IMAGE_CATEGORIES],
  ] as [string, readonly string[], readonly string[]][])('every one of our %s is in OCPI’s enum', (_, ours, ocpi) => {
    expect(ours.filter((value) => !ocpi.includes(value))).toEqual([]);
  });

  it('OCPI statuses are exactly ours', () => {
    expect([...OCPI_STATUSES].sort()).toEqual([...EVSE_STATUSES].sort());
  });
});

describe('toOcpiConnector', () => {
  it('maps every field: voltage → max_voltage, amperage → max_amperage, tariff_id → tariff_ids', () => {
    const source = aConnector({ tariff_id: 'TARIFF-AC-1', terms_and_conditions: 'https://acme.example/terms' });
    const { connector, problems } = toOcpiConnector(source, station);
    expect(connector).toEqual({
      id: '1',
      standard: 'IEC_62196_T2',
      format: 'SOCKET',
      power_type: 'AC_3_PHASE',
      max_voltage: 230,
      max_amperage: 32,
      max_electric_power: 22000,
      tariff_ids: ['TARIFF-AC-1'],
      terms_and_conditions: 'https://acme.example/terms',
      last_updated: '2026-11-02T09:30:00.000Z',
    });
    expect(problems).toEqual([]);
    expect(ocpiErrors('connector', connector)).toEqual([]);
  });

  it.each(
    CONNECTOR_STANDARDS.map((standard) => [standard, standard.includes('COMBO') || standard === 'CHADEMO' ? 'DC' : 'AC_1_PHASE', standard.startsWith('DOMESTIC') ? 'SOCKET' : 'CABLE']),
  )('standard %s is sent as the OCPI ConnectorType of the same name', (standard, powerType, format) => {
    const { connector } = toOcpiConnector(aConnector({ standard: standard as never, power_type: powerType as never, format: format as never }), station);
    expect(connector?.standard).toBe(standard);
    expect(ocpiErrors('connector', connector)).toEqual([]);
  });

  it('tariff_ids falls back to the station default; no max_electric_power, no terms → left out', () => {
    const { connector, problems } = toOcpiConnector(aConnector({ max_electric_power: null }), aStation({ default_charge_station_tariff_id: 'TARIFF-STD' }));
    expect(connector).toEqual(expect.objectContaining({ tariff_ids: ['TARIFF-STD'] }));
    expect(connector).not.toHaveProperty('max_electric_power');
    expect(connector).not.toHaveProperty('terms_and_conditions');
    expect(problems).toEqual([]);
  });

  it('last_updated is the later of the connector’s and the station’s (the default tariff lives on the station)', () => {
    const later = aStation({ last_updated: '2026-11-05T00:00:00.000Z' });
    expect(toOcpiConnector(aConnector(), later).connector?.last_updated).toBe('2026-11-05T00:00:00.000Z');
    expect(toOcpiConnector(aConnector({ last_updated: '2026-12-01T00:00:00.000Z' }), later).connector?.last_updated).toBe('2026-12-01T00:00:00.000Z');
  });

  it.each([
    ['a tariff_id OCPI cannot carry (not ASCII) is left out, never replaced by the station default', { tariff_id: 'TARIF-É' }, 'tariff_ids', "the connector's tariff_id"],
    ['terms_and_conditions over OCPI’s 255 characters', { terms_and_conditions: LONG_URL }, 'terms_and_conditions', 'OCPI URL may be 255'],
  ])('%s', (_, overrides, field, reason) => {
    const { connector, problems } = toOcpiConnector(aConnector(overrides), station);
    expect(connector).toBeDefined();
    expect(connector).not.toHaveProperty(field);
    expect(problems).toEqual([{ path: `connectors[id=1].${field}`, reason: expect.stringContaining(reason) }]);
    expect(ocpiErrors('connector', connector)).toEqual([]);
  });

  it('a station default tariff OCPI cannot carry is reported as the station’s', () => {
    const { connector, problems } = toOcpiConnector(aConnector(), aStation({ default_charge_station_tariff_id: 'tarif\tà' }));
    expect(connector).not.toHaveProperty('tariff_ids');
    expect(problems).toEqual([{ path: 'connectors[id=1].tariff_ids', reason: expect.stringContaining("the station's default_charge_station_tariff_id") }]);
  });

  it.each([
    ['standard', { standard: 'TYPE_2' }, 'is not an OCPI ConnectorType value'],
    ['format', { format: 'PLUG' }, 'is not an OCPI ConnectorFormat value'],
    ['power_type', { power_type: 'AC' }, 'is not an OCPI PowerType value'],
    ['max_voltage', { voltage: 0 }, 'is outside'],
    ['max_amperage', { amperage: 12.5 }, 'is not an integer'],
    ['id', { id: 'Ü1' }, 'printable ASCII'],
    ['last_updated', { last_updated: 'never' }, 'is not an RFC 3339 timestamp'],
  ])('a connector whose %s cannot be made valid is left out and reported', (field, overrides, reason) => {
    const source = aConnector(overrides as never);
    const { connector, problems } = toOcpiConnector(source, station);
    expect(connector).toBeUndefined();
    expect(problems).toEqual([{ path: `connectors[id=${source.id}].${field}`, reason: expect.stringContaining(reason) }]);
    expect(problems[0].reason).toMatch(/the connector is left out$/);
  });

  it('max_electric_power that is not a positive integer is left out', () => {
    const { connector, problems } = toOcpiConnector(aConnector({ max_electric_power: 0 }), station);
    expect(connector).not.toHaveProperty('max_electric_power');
    expect(problems).toEqual([{ path: 'connectors[id=1].max_electric_power', reason: expect.stringMatching(/left out$/) }]);
  });
});

describe('toOcpiEvse', () => {
  it('maps every field', () => {
    const source = anEvse({
      status: 'CHARGING',
      status_schedule: [{ period_begin: '2026-12-01T08:00:00.000Z', period_end: '2026-12-01T19:00:00+02:00', status: 'INOPERATIVE', status_message: 'Maintenance' }],
      capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
      floor_level: '-1',
      physical_reference: 'Bay 3',
      coordinates: { latitude: '52.3740311', longitude: '4.8896911' },
      images: [{ url: 'https://acme.example/c.jpg', thumbnail: null, category: 'CHARGER', type: 'jpeg', width: 800, height: null }],
      directions: [{ language: 'nl', text: 'Achter de slagboom' }],
      parking_restrictions: ['EV_ONLY', 'PLUGGED'],
      connectors: [aConnector(), aConnector({ id: '2', standard: 'IEC_62196_T2_COMBO', format: 'CABLE', power_type: 'DC', voltage: 920, amperage: 400, max_electric_power: 150000 })],
    });
    const { evse, problems } = toOcpiEvse(source, station);
    expect(problems).toEqual([]);
    expect(evse).toEqual({
      uid: 'NL-ACM-ECS-0001-1',
      evse_id: 'NL*ACM*ECS0001*1',
      status: 'CHARGING',
      status_schedule: [{ period_begin: '2026-12-01T08:00:00.000Z', period_end: '2026-12-01T17:00:00.000Z', status: 'INOPERATIVE' }],
      capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
      connectors: [
        expect.objectContaining({ id: '1', tariff_ids: ['TARIFF-STD'] }),
        expect.objectContaining({ id: '2', standard: 'IEC_62196_T2_COMBO', max_voltage: 920, max_amperage: 400, max_electric_power: 150000 }),
      ],
      floor_level: '-1',
      coordinates: { latitude: '52.3740311', longitude: '4.8896911' },
      physical_reference: 'Bay 3',
      directions: [{ language: 'nl', text: 'Achter de slagboom' }],
      parking_restrictions: ['EV_ONLY', 'PLUGGED'],
      images: [{ url: 'https://acme.example/c.jpg', category: 'CHARGER', type: 'jpeg', width: 800 }],
      last_updated: '2026-11-02T09:30:00.000Z',
    });
    expect(ocpiErrors('evse', evse)).toEqual([]);
  });

  it('the status the caller gives wins (REMOVED for an EVSE that left)', () => {
    expect(toOcpiEvse(anEvse({ status: 'AVAILABLE' }), station, 'REMOVED').evse?.status).toBe('REMOVED');
  });

  it('directions, floor level and status schedule fall back to the station’s defaults', () => {
    const withDefaults = aStation({
      default_charge_station_directions: [{ language: 'en', text: 'Behind the barrier' }],
      default_charge_station_floor_level: 'P2',
      status_schedule: [{ period_begin: '2027-01-01T00:00:00.000Z', period_end: null, status: 'PLANNED', status_message: null }],
    });
    const { evse } = toOcpiEvse(anEvse(), withDefaults);
    expect(evse).toEqual(
      expect.objectContaining({
        directions: [{ language: 'en', text: 'Behind the barrier' }],
        floor_level: 'P2',
        status_schedule: [{ period_begin: '2027-01-01T00:00:00.000Z', status: 'PLANNED' }],
      }),
    );
    const own = toOcpiEvse(anEvse({ floor_level: '3', directions: [{ language: 'de', text: 'Hinten' }] }), withDefaults).evse;
    expect(own).toEqual(expect.objectContaining({ floor_level: '3', directions: [{ language: 'de', text: 'Hinten' }] }));
  });

  it('last_updated is the latest of the EVSE’s, its connectors’ and its station’s', () => {
    const source = anEvse({ last_updated: '2026-11-03T00:00:00.000Z', connectors: [aConnector({ last_updated: '2026-11-04T00:00:00.000Z' })] });
    expect(toOcpiEvse(source, station).evse?.last_updated).toBe('2026-11-04T00:00:00.000Z');
    expect(toOcpiEvse(source, aStation({ last_updated: '2026-11-09T00:00:00.000Z' })).evse?.last_updated).toBe('2026-11-09T00:00:00.000Z');
  });

  /** [what, EVSE overrides, problem path below evses[uid=…], a part of the reason, the field left out] */
  const OPTIONAL_PROBLEMS: [string, Parameters<typeof anEvse>[0], string, string, string][] = [
    ['floor_level with a line break', { floor_level: '1\n2' }, 'floor_level', 'control character', 'floor_level'],
    ['physical_reference with a tab', { physical_reference: 'Bay\t3' }, 'physical_reference', 'control character', 'physical_reference'],
    ['evse_id not ASCII', { evse_id: 'NL*ACM*EÄ1' }, 'evse_id', 'printable ASCII', 'evse_id'],
    ['coordinates that match no OCPI regex', { coordinates: { latitude: '52.3740', longitude: '4.88969' } }, 'coordinates.latitude', 'coordinates are left out', 'coordinates'],
    ['a capability OCPI lacks', { capabilities: ['NFC' as never] }, 'capabilities[0]', 'is not an OCPI Capability value', 'capabilities'],
    ['a parking restriction OCPI lacks', { parking_restrictions: ['TAXI' as never] }, 'parking_restrictions[0]', 'is not an OCPI ParkingRestriction value', 'parking_restrictions'],
    ['directions whose text has a line break', { directions: [{ language: 'en', text: 'Left\nthen right' }] }, 'directions[0].text', 'the text is left out', 'directions'],
    ['an image URL over 255 characters', { images: [{ url: LONG_URL, thumbnail: null, category: 'CHARGER', type: 'jpeg', width: null, height: null }] }, 'images[0].url', 'the image is left out', 'images'],
    ['an image type that is not ASCII', { images: [{ url: 'https://a.example/i', thumbnail: null, category: 'CHARGER', type: 'jpég', width: null, height: null }] }, 'images[0].type', 'the image is left out', 'images'],
    ['an empty image type', { images: [{ url: 'https://a.example/i', thumbnail: null, category: 'CHARGER', type: '', width: null, height: null }] }, 'images[0].type', 'is empty', 'images'],
    ['a scheduled period with an unreadable begin', { status_schedule: [{ period_begin: '2026-02-30', period_end: null, status: 'PLANNED', status_message: null }] }, 'status_schedule[0].period_begin', 'the scheduled period is left out', 'status_schedule'],
  ];

  it.each(OPTIONAL_PROBLEMS)('%s: left out and reported', (_, overrides, path, reason, field) => {
    const { evse, problems } = toOcpiEvse(anEvse(overrides), station);
    expect(evse).toBeDefined();
    expect(evse).not.toHaveProperty(field);
    expect(problems).toEqual([{ path: `evses[uid=NL-ACM-ECS-0001-1].${path}`, reason: expect.stringContaining(reason) }]);
    expect(ocpiErrors('evse', evse)).toEqual([]);
  });

  it('only the bad entry of a list is left out; a bad thumbnail leaves the image without it', () => {
    const { evse, problems } = toOcpiEvse(
      anEvse({
        capabilities: ['RFID_READER', 'NFC' as never],
        images: [{ url: 'https://a.example/i.png', thumbnail: LONG_URL, category: 'OTHER', type: 'png', width: null, height: null }],
      }),
      station,
    );
    expect(evse?.capabilities).toEqual(['RFID_READER']);
    expect(evse?.images).toEqual([{ url: 'https://a.example/i.png', category: 'OTHER', type: 'png' }]);
    expect(problems.map((p) => p.path)).toEqual(['evses[uid=NL-ACM-ECS-0001-1].capabilities[1]', 'evses[uid=NL-ACM-ECS-0001-1].images[0].thumbnail']);
  });

  it('coordinates with 7 decimals that do not fit are rounded and reported', () => {
    const { evse, problems } = toOcpiEvse(anEvse({ coordinates: { latitude: '-33.8688197', longitude: '151.2092955' } }), station);
    expect(evse?.coordinates).toEqual({ latitude: '-33.868820', longitude: '151.2092955' });
    expect(problems).toEqual([{ path: 'evses[uid=NL-ACM-ECS-0001-1].coordinates.latitude', reason: expect.stringMatching(/^rounded from -33.8688197 to -33.868820/) }]);
  });

  it.each([
    ['uid', { uid: 'É-1' }, 'uid', 'printable ASCII'],
    ['status', { status: 'OFFLINE' as never }, 'status', 'is not an OCPI Status value'],
    ['last_updated', { last_updated: '10000-01-01T00:00:00.000Z' }, 'last_updated', 'is not an RFC 3339 timestamp'],
  ])('an EVSE whose %s cannot be made valid is left out and reported', (_, overrides, field, reason) => {
    const source = anEvse(overrides);
    const { evse, problems } = toOcpiEvse(source, station);
    expect(evse).toBeUndefined();
    expect(problems).toEqual([{ path: `evses[uid=${source.uid}].${field}`, reason: expect.stringContaining(reason) }]);
  });

  it('an EVSE none of whose connectors can be published is left out: OCPI needs at least one', () => {
    const { evse, problems } = toOcpiEvse(anEvse({ connectors: [aConnector({ standard: 'TYPE_2' as never })] }), station);
    expect(evse).toBeUndefined();
    expect(problems).toEqual([
      { path: 'evses[uid=NL-ACM-ECS-0001-1].connectors[id=1].standard', reason: expect.stringContaining('the connector is left out') },
      { path: 'evses[uid=NL-ACM-ECS-0001-1].connectors', reason: expect.stringContaining('the EVSE is left out') },
    ]);
  });

  it('an EVSE keeps the connectors that can be published', () => {
    const { evse } = toOcpiEvse(anEvse({ connectors: [aConnector({ voltage: 0 }), aConnector({ id: '2' })] }), station);
    expect(evse?.connectors.map((c) => c.id)).toEqual(['2']);
  });
});
