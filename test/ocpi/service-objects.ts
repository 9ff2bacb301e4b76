import fc from 'fast-check';
import type { ChargeStationDto } from '../../src/charge-stations/dto/charge-station.dto.js';
import { EVSE_STATUSES } from '../../src/charge-stations/rules/station-status.js';
import { FACILITIES, LOCATION_TYPES } from '../../src/common/ocpi/ocpi.types.js';
import type { ConnectorDto } from '../../src/evses/dto/connector.dto.js';
import type { EvseDto } from '../../src/evses/dto/evse.dto.js';
import { CAPABILITIES, IMAGE_CATEGORIES, PARKING_RESTRICTIONS } from '../../src/evses/evse.types.js';
import { CONNECTOR_FORMATS, CONNECTOR_STANDARDS, connectorType, isDcStandard } from '../../src/evses/rules/connectors.js';
import type { LocationDto } from '../../src/locations/dto/location.dto.js';

/**
 * The service's own wire objects (what GET answers) for the OCPI mapping's tests: builders of
 * plain valid objects, and fast-check arbitraries of any object the service's rules (SPEC §3–§4)
 * accept — so also of everything OCPI cannot carry as it is (long texts, line breaks, 24:00, …).
 */

const T0 = '2026-11-02T09:30:00.000Z';

export function aConnector(overrides: Partial<ConnectorDto> = {}): ConnectorDto {
  return {
    id: '1',
    standard: 'IEC_62196_T2',
    format: 'SOCKET',
    power_type: 'AC_3_PHASE',
    voltage: 230,
    amperage: 32,
    max_electric_power: 22000,
    tariff_id: null,
    reimbursement_tariff_id: null,
    terms_and_conditions: null,
    connector_type: 'Mennekes_Socket',
    last_updated: T0,
    ...overrides,
  };
}

export function anEvse(overrides: Partial<EvseDto> = {}): EvseDto {
  return {
    uid: 'NL-ACM-ECS-0001-1',
    evse_id: 'NL*ACM*ECS0001*1',
    evse_sequence_number: 1,
    status: 'AVAILABLE',
    status_schedule: null,
    capabilities: ['RFID_READER'],
    connectors: [aConnector()],
    floor_level: null,
    physical_reference: null,
    coordinates: null,
    images: null,
    directions: null,
    parking_restrictions: null,
    last_updated: T0,
    ...overrides,
  };
}

export function aStation(overrides: Partial<ChargeStationDto> = {}): ChargeStationDto {
  return {
    charge_station_id: 'CS-0001',
    location_id: 'LOC-AMS-0042',
    deploy_state: 'Production',
    status: 'AVAILABLE',
    connectivity_status: 'Online',
    client_ip_address: null,
    charging_speed: 'Slow',
    default_charge_station_tariff_id: 'TARIFF-STD',
    charger_type: 'Public',
    charge_station_template_id: null,
    name: null,
    remarks: null,
    maintenance_info: null,
    installation_date: null,
    default_charge_station_reimbursement_tariff_id: null,
    default_charge_station_directions: null,
    default_charge_station_floor_level: null,
    contactless_type: null,
    contactless_terminal_serial_number: null,
    contactless_terminal_auth_amount: null,
    tap_to_stop: null,
    stop_on_parking: null,
    dynamic_time_based_tariffs: null,
    time_of_use_tariffs: null,
    exclude_vat: null,
    status_schedule: null,
    auth_rules: null,
    heartbeat_interval: 300,
    charge_point_model: null,
    charge_point_vendor: null,
    charge_point_serial_number: null,
    charge_box_serial_number: null,
    firmware_version: null,
    iccid: null,
    imsi: null,
    meter_serial_number: null,
    meter_type: null,
    remote_manageable: false,
    protocol_version: null,
    endpoint: 'ws://localhost:3000/ocpp',
    evses: [anEvse()],
    created_by: 'Not Provided',
    modified_by: 'Not Provided',
    etag: '5b0c3f0e-9c1e-4f7e-8a53-2f0f6b1d2a11',
    created: T0,
    modified: T0,
    last_updated: T0,
    ...overrides,
  };
}

export function aLocation(overrides: Partial<LocationDto> = {}): LocationDto {
  return {
    id: 'LOC-AMS-0042',
    cpo_id: 'ACME',
    type: 'PARKING_GARAGE',
    name: 'Central Station P1',
    address: 'Stationsplein 1',
    address_line_2: null,
    city: 'Amsterdam',
    postal_code: '1012AB',
    state: null,
    country: 'NLD',
    coordinates: { latitude: '52.37403', longitude: '4.88969' },
    publish: true,
    directions: null,
    operator: { name: 'Acme Charging', website: null, logo: null },
    suboperator: null,
    owner: null,
    facilities: null,
    time_zone: 'Europe/Amsterdam',
    opening_times: null,
    remarks: null,
    maintenance_info: null,
    cpo_customer_external_id: null,
    access_type: null,
    auth_rules: null,
    energy_mix: null,
    payment_provider: null,
    wallet_id: null,
    custom_groups: null,
    customised_fields: null,
    created_by: 'Not Provided',
    modified_by: 'Not Provided',
    etag: '0f3c2a55-8d0b-4c43-9a4e-1b2c3d4e5f60',
    created: T0,
    modified: T0,
    last_updated: T0,
    ...overrides,
  };
}

export const ACME = { countryCode: 'NL', partyId: 'ACM', name: 'Acme Charging' };

// ---- arbitraries: anything the service's validation lets through ----

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_=:+|@.'.split('');
const idOf = (max: number) => fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: max });

/** Free text as the service stores it: mostly plain, sometimes accents, emoji, tabs or line breaks. */
const text = (max: number, min = 0) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: max }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, Math.floor(max / 2)) }) },
    { weight: 1, arbitrary: fc.constantFrom('Line one\nline two', 'tab\there', 'é'.repeat(max)).filter((s) => [...s].length <= max && s.length >= min) },
  );

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });

/** Epoch ms → our wire timestamps (milliseconds, Z), 2000–2040. */
const timestamp = fc.integer({ min: 946_684_800_000, max: 2_208_988_800_000 }).map((ms) => new Date(ms).toISOString());

/** What IsTimestamp accepts: RFC 3339 with or without zone, or a plain date. */
const inputTimestamp = fc.oneof(
  timestamp,
  timestamp.map((t) => t.slice(0, 19)),
  timestamp.map((t) => `${t.slice(0, 19)}+02:00`),
  timestamp.map((t) => t.slice(0, 10)),
);

const latitude = fc.stringMatching(/^-?[0-9]{1,2}\.[0-9]{5,7}$/);
const longitude = fc.stringMatching(/^-?[0-9]{1,3}\.[0-9]{5,7}$/);
const coordinates = fc.record({ latitude, longitude });

const displayText = fc.record({ language: fc.stringMatching(/^[a-z]{2}$/), text: text(512, 1) });
const hourMinute = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`) },
  { weight: 1, arbitrary: fc.constant('24:00') },
);
const hours = fc.record(
  {
    twentyfourseven: fc.boolean(),
    regular_hours: fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), period_begin: hourMinute, period_end: hourMinute }), { maxLength: 3 }),
    exceptional_openings: fc.array(fc.record({ period_begin: inputTimestamp, period_end: inputTimestamp }), { maxLength: 2 }),
    exceptional_closings: fc.array(fc.record({ period_begin: inputTimestamp, period_end: inputTimestamp }), { maxLength: 2 }),
  },
  { requiredKeys: ['twentyfourseven'] },
);

const url = fc.oneof(
  { weight: 4, arbitrary: fc.webUrl() },
  { weight: 1, arbitrary: fc.integer({ min: 230, max: 2040 }).map((n) => `https://acme.example/${'a'.repeat(n)}`) },
);

const connectorPair = fc
  .constantFrom(...CONNECTOR_STANDARDS.flatMap((standard) => CONNECTOR_FORMATS.filter((format) => connectorType(standard, format)).map((format) => [standard, format] as const)))
  .chain(([standard, format]) =>
    (isDcStandard(standard) ? fc.constant('DC' as const) : fc.constantFrom('AC_1_PHASE' as const, 'AC_3_PHASE' as const)).map((power_type) => ({
      standard,
      format,
      power_type,
      connector_type: connectorType(standard, format) as string,
    })),
  );

const connector = (id: string): fc.Arbitrary<ConnectorDto> =>
  fc
    .record({
      pair: connectorPair,
      voltage: fc.integer({ min: 1, max: 1500 }),
      amperage: fc.integer({ min: 1, max: 1000 }),
      max_electric_power: nullable(fc.integer({ min: 1, max: 1_000_000 })),
      tariff_id: nullable(text(36, 1)),
      reimbursement_tariff_id: nullable(text(36, 1)),
      terms_and_conditions: nullable(url),
      last_updated: timestamp,
    })
    .map(({ pair, ...rest }) => ({ id, ...pair, ...rest }));

const image = fc.record({
  url,
  thumbnail: nullable(url),
  category: fc.constantFrom(...IMAGE_CATEGORIES),
  type: text(4, 0),
  width: nullable(fc.integer({ min: 1, max: 99999 })),
  height: nullable(fc.integer({ min: 1, max: 99999 })),
});

const statusSchedule = fc.record({
  period_begin: inputTimestamp,
  period_end: nullable(inputTimestamp),
  status: fc.constantFrom(...EVSE_STATUSES),
  status_message: nullable(text(255)),
});

const evseId = fc.stringMatching(/^NL\*ACM\*E[A-Z0-9]{1,12}$/);

/** `prefix` keeps uids unique within the CPO, as SPEC §4 has them. */
const evse = (prefix: string, firstConnectorId: number): fc.Arbitrary<EvseDto> =>
  fc
    .record({
      uid: idOf(28),
      evse_id: nullable(evseId),
      status: fc.constantFrom(...EVSE_STATUSES),
      status_schedule: nullable(fc.array(statusSchedule, { maxLength: 2 })),
      capabilities: nullable(fc.subarray([...CAPABILITIES])),
      connectorCount: fc.integer({ min: 1, max: 3 }),
      floor_level: nullable(text(4)),
      physical_reference: nullable(text(16)),
      coordinates: nullable(coordinates),
      images: nullable(fc.array(image, { maxLength: 2 })),
      directions: nullable(fc.array(displayText, { maxLength: 2 })),
      parking_restrictions: nullable(fc.subarray([...PARKING_RESTRICTIONS])),
      last_updated: timestamp,
    })
    .chain(({ connectorCount, uid, ...rest }) =>
      fc
        .tuple(...Array.from({ length: connectorCount }, (_, i) => connector(String(firstConnectorId + i))))
        .map((connectors) => ({ ...rest, uid: `${prefix}${uid}`, evse_sequence_number: 1, connectors })),
    );

const station = (locationId: string, index: number): fc.Arbitrary<ChargeStationDto> =>
  fc
    .record({
      deploy_state: fc.constantFrom('Stock' as const, 'Production' as const, 'Production' as const, 'Deprecated' as const),
      movedAway: fc.boolean().map((moved) => moved && index % 3 === 2),
      default_charge_station_tariff_id: text(36, 1),
      default_charge_station_directions: nullable(fc.array(displayText, { maxLength: 2 })),
      default_charge_station_floor_level: nullable(text(4)),
      status_schedule: nullable(fc.array(statusSchedule, { maxLength: 2 })),
      evses: fc.tuple(evse(`S${index}E1-`, 1), fc.option(evse(`S${index}E2-`, 10), { nil: undefined })),
      last_updated: timestamp,
    })
    .map(({ movedAway, evses, ...rest }) =>
      aStation({
        ...rest,
        charge_station_id: `CS-${index}`,
        location_id: movedAway ? `${locationId}-ELSEWHERE` : locationId,
        evses: evses.filter((e): e is EvseDto => e !== undefined),
      }),
    );

export const serviceLocation: fc.Arbitrary<LocationDto> = fc
  .record({
    id: idOf(36),
    type: fc.constantFrom(...LOCATION_TYPES),
    name: text(255, 1),
    address: text(255, 1),
    city: text(45, 1),
    postal_code: text(10, 1),
    state: nullable(text(45)),
    country: fc.constantFrom('NLD', 'DEU', 'BEL', 'FRA', 'ESP', 'USA', 'nld', 'GBR', 'PRT', 'ATA'),
    coordinates: nullable(coordinates),
    publish: fc.boolean(),
    directions: nullable(fc.array(displayText, { maxLength: 2 })),
    facilities: nullable(fc.subarray([...FACILITIES], { maxLength: 4 })),
    time_zone: nullable(fc.constantFrom('Europe/Amsterdam', 'Atlantic/Canary', 'America/New_York', 'Asia/Kolkata')),
    opening_times: nullable(hours),
    last_updated: timestamp,
  })
  .map((fields) => aLocation(fields));

/** A location with up to four stations (some moved away) and a set of earlier published uids. */
export const serviceLocationSource = serviceLocation.chain((location) =>
  fc
    .array(fc.nat(), { minLength: 0, maxLength: 4 })
    .chain((slots) => (slots.length ? fc.tuple(...slots.map((_, i) => station(location.id, i))) : fc.constant([] as ChargeStationDto[])))
    .chain((stations) => {
      const uids = stations.flatMap((s) => s.evses.map((e) => e.uid));
      return fc.subarray(uids).map((published) => ({
        cpo: ACME,
        location,
        stations,
        publishedEvseUids: new Set(published.map((uid) => (uid.length % 2 ? uid.toLowerCase() : uid))),
      }));
    }),
);
