import { createHash } from 'node:crypto';
import { jest } from '@jest/globals';
import { getMetadataArgsStorage } from 'typeorm';
import fc from 'fast-check';
import { loadSettings } from '../../settings/settings.js';
import { Connector } from '../../evses/connector.entity.js';
import { Evse } from '../../evses/evse.entity.js';
import { StationConfiguration } from '../../station-config/station-configuration.entity.js';
import { ChargeStation } from '../charge-station.entity.js';
import { toChargeStationDto } from '../charge-station.mapper.js';
import { EVSE_STATUSES, type EvseStatus } from '../rules/station-status.js';
import { JsonBuilder } from './json-builder.js';
import { fillDocument, type LiveState, renderDocument } from './station-document.js';
import { STATION_DOCUMENT_FORMAT, STATION_DOCUMENT_FORMATS } from './station-document-format.js';
import { type LiveEvse, parseLiveEvses, type StationAggregate } from './station-rows.js';

const settings = { ...loadSettings({}), defaultHeartbeatInterval: 60, ocppPublicUrl: 'wss://ocpp.example.com/ocpp' };
const NOW = Date.UTC(2026, 10, 24, 12);

/** Strings that try to break the document's format: quotes, escapes, control characters, the separator itself. */
const text = fc.oneof(fc.string(), fc.constantFrom('"', '\\', '\u0001', '\u0001status\u0001', '"status":"x"', '</script>', 'ünï©ødé 🚗'));
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

const station = fc.record({
  name: nullable(text),
  remarks: nullable(text),
  deployState: fc.constantFrom('Planned', 'Production', 'Deprecated'),
  lastUpdated: fc.integer({ min: 0, max: NOW }),
  tapToStop: nullable(fc.boolean()),
  contactlessTerminalAuthAmount: nullable(fc.integer({ min: 0, max: 10_000 })),
});

const evse = fc.record({
  status: fc.constantFrom(...EVSE_STATUSES),
  physicalReference: nullable(text),
  lastUpdated: fc.integer({ min: 0, max: NOW }),
  connectors: fc.integer({ min: 0, max: 3 }),
});

const config = nullable(
  fc.record({
    heartbeatInterval: nullable(fc.integer({ min: 1, max: 86_400 })),
    // Every reported field, each null or not: runs of nulls are written a run at a time.
    chargePointModel: nullable(text),
    chargePointVendor: nullable(text),
    chargePointSerialNumber: nullable(text),
    chargeBoxSerialNumber: nullable(text),
    firmwareVersion: nullable(text),
    iccid: nullable(text),
    imsi: nullable(text),
    meterSerialNumber: nullable(text),
    meterType: nullable(text),
    protocolVersion: nullable(fc.constantFrom('ocpp1.6', 'ocpp2.0.1')),
    clientIpAddress: nullable(text),
    connectivityStatus: fc.constantFrom('Online' as const, 'Offline' as const),
    remoteManageable: fc.boolean(),
    // Never seen, just now, or long ago (clearly inside or outside 3 × any heartbeat interval).
    lastSeen: fc.constantFrom(null, NOW, NOW - 400_000_000),
  }),
);

type Value<A> = A extends fc.Arbitrary<infer T> ? T : never;
type StationInput = Value<typeof station>;
type EvseInput = Value<typeof evse>;
type ConfigInput = Value<typeof config>;

function aggregate(s: StationInput, evses: EvseInput[], c: ConfigInput): StationAggregate {
  return {
    station: Object.assign(new ChargeStation(), {
      pk: 7,
      chargeStationId: 'CS-1',
      cpoPk: 1,
      locationId: 'LOC-1',
      defaultChargeStationTariffId: 'T-1',
      chargerType: 'Public',
      chargeStationTemplateId: null,
      maintenanceInfo: null,
      installationDate: null,
      defaultChargeStationReimbursementTariffId: null,
      defaultChargeStationDirections: [{ language: 'nl', text: 'Achter "de" kerk' }],
      defaultChargeStationFloorLevel: null,
      contactlessType: null,
      contactlessTerminalSerialNumber: null,
      stopOnParking: null,
      dynamicTimeBasedTariffs: null,
      timeOfUseTariffs: null,
      excludeVat: null,
      statusSchedule: null,
      authRules: null,
      createdBy: 'Not Provided',
      modifiedBy: 'Not Provided',
      etag: 'e-1',
      created: 0,
      modified: 0,
      ...s,
    }),
    config: c === null ? undefined : Object.assign(new StationConfiguration(), { stationPk: 7, ...c }),
    evses: evses.map((e, i) => ({
      evse: Object.assign(new Evse(), {
        pk: 100 + i,
        stationPk: 7,
        cpoPk: 1,
        uid: `U-${i}`,
        evseId: null,
        evseSequenceNumber: i + 1,
        statusSchedule: null,
        capabilities: ['RFID_READER'],
        floorLevel: null,
        latitude: null,
        longitude: null,
        images: null,
        directions: null,
        parkingRestrictions: null,
        status: e.status,
        physicalReference: e.physicalReference,
        lastUpdated: e.lastUpdated,
      }),
      connectors: Array.from({ length: e.connectors }, (_, k) =>
        Object.assign(new Connector(), {
          pk: 1000 + 10 * i + k,
          evsePk: 100 + i,
          stationPk: 7,
          connectorId: String(k + 1),
          standard: 'IEC_62196_T2',
          format: 'SOCKET',
          powerType: k === 2 ? 'DC' : 'AC_3_PHASE',
          voltage: 230,
          amperage: 32,
          maxElectricPower: k === 2 ? 50_000 : null,
          tariffId: null,
          reimbursementTariffId: null,
          termsAndConditions: null,
          lastUpdated: 0,
        }),
      ),
    })),
  };
}

function liveOf(a: StationAggregate): LiveState {
  return {
    deployState: a.station.deployState,
    config: a.config,
    evses: new Map<number, LiveEvse>(a.evses.map((e) => [e.evse.pk, { status: e.evse.status, lastUpdated: e.evse.lastUpdated }])),
  };
}

/** The document as stored (UTF-8 bytes), filled, as text. */
function filled(body: string, live: LiveState, s: typeof settings): string | undefined {
  const parts = new JsonBuilder();
  return fillDocument(Buffer.from(body), live, s, NOW, parts) ? parts.toBuffer().toString() : undefined;
}

describe('station documents', () => {
  beforeAll(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] }));
  afterAll(() => jest.useRealTimers());

  it('filled with the station as stored, a document is exactly the JSON of its answer (key order included)', () => {
    fc.assert(
      fc.property(station, fc.array(evse, { maxLength: 4 }), config, (s, evses, c) => {
        const a = aggregate(s, evses, c);
        expect(filled(renderDocument(a).body, liveOf(a), settings)).toBe(JSON.stringify(toChargeStationDto(a, settings)));
      }),
      { numRuns: 300 },
    );
  });

  it('filled with later live state (statuses, EVSE last_updated, configuration, deploy state), it is the answer of that state', () => {
    const later = fc.record({
      statuses: fc.array(fc.constantFrom(...EVSE_STATUSES.filter((x) => x !== 'REMOVED')), { minLength: 4, maxLength: 4 }),
      times: fc.array(fc.integer({ min: 0, max: NOW }), { minLength: 4, maxLength: 4 }),
      config,
    });
    fc.assert(
      fc.property(station, fc.array(evse, { maxLength: 4 }), config, later, (s, evses, c, next) => {
        const before = aggregate(s, evses, c);
        // Live changes never turn an EVSE into REMOVED or back (that is a write that moves the etag).
        const status = (e: EvseInput, i: number): EvseStatus => (e.status === 'REMOVED' ? 'REMOVED' : next.statuses[i]);
        const after = aggregate(
          s,
          evses.map((e, i) => ({ ...e, status: status(e, i), lastUpdated: next.times[i] })),
          next.config,
        );
        expect(filled(renderDocument(before).body, liveOf(after), settings)).toBe(JSON.stringify(toChargeStationDto(after, settings)));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the settings (they reach an answer only through its holes)', () => {
    const a = aggregate({ name: 'x', remarks: null, deployState: 'Production', lastUpdated: 1, tapToStop: null, contactlessTerminalAuthAmount: null }, [
      { status: 'AVAILABLE', physicalReference: null, lastUpdated: 1, connectors: 2 },
    ], null);
    const body = renderDocument(a).body;
    expect(body).not.toContain(settings.ocppPublicUrl ?? 'wss://');
    const other = { ...settings, defaultHeartbeatInterval: 999, ocppPublicUrl: 'wss://elsewhere/ocpp' };
    expect(filled(body, liveOf(a), other)).toBe(JSON.stringify(toChargeStationDto(a, other)));
    // A write renders it from the answer it made with the service's own settings: the same document.
    expect(renderDocument(a, toChargeStationDto(a, other)).body).toBe(body);
  });

  it('gives up (false, nothing added) when the live state lacks one of its EVSEs', () => {
    const a = aggregate({ name: null, remarks: null, deployState: 'Production', lastUpdated: 1, tapToStop: null, contactlessTerminalAuthAmount: null }, [
      { status: 'AVAILABLE', physicalReference: null, lastUpdated: 1, connectors: 1 },
      { status: 'CHARGING', physicalReference: null, lastUpdated: 1, connectors: 1 },
    ], null);
    const live = liveOf(a);
    live.evses.delete(101);
    const parts = new JsonBuilder();
    parts.text('before');
    expect(fillDocument(Buffer.from(renderDocument(a).body), live, settings, NOW, parts)).toBe(false);
    expect(parts.toBuffer().toString()).toBe('before');
  });

  it('gives up too when the station has an EVSE its document does not know (added without a new etag)', () => {
    const a = aggregate({ name: null, remarks: null, deployState: 'Production', lastUpdated: 1, tapToStop: null, contactlessTerminalAuthAmount: null }, [
      { status: 'AVAILABLE', physicalReference: null, lastUpdated: 1, connectors: 1 },
    ], null);
    const live = liveOf(a);
    live.evses.set(999, { status: 'CHARGING', lastUpdated: 2 });
    const parts = new JsonBuilder();
    parts.text('before');
    expect(fillDocument(Buffer.from(renderDocument(a).body), live, settings, NOW, parts)).toBe(false);
    expect(parts.toBuffer().toString()).toBe('before');
  });
});

describe('parseLiveEvses', () => {
  it('reads back the text the documents statement makes of any EVSEs (`pk status last_updated`, comma-separated)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ pk: fc.integer({ min: 1, max: 2 ** 31 - 1 }), status: fc.constantFrom(...EVSE_STATUSES), lastUpdated: fc.maxSafeNat() }), {
          selector: (e) => e.pk,
          maxLength: 6,
        }),
        (evses) => {
          const text = evses.map((e) => `${e.pk} ${e.status} ${e.lastUpdated}`).join(',');
          expect(parseLiveEvses(text)).toEqual(new Map(evses.map((e) => [e.pk, { status: e.status, lastUpdated: e.lastUpdated }])));
        },
      ),
    );
  });
});

/**
 * Every column of an entity set: the values given, and for any other column a value made from its
 * property name and type, so that a column added later shows in the rendered document (and so in
 * the format's fingerprint) without this sample being edited.
 */
function everyColumn<T extends object>(target: abstract new () => T, values: Partial<T>): T {
  const entity = Object.assign(Object.create(target.prototype) as T, values) as Record<string, unknown>;
  for (const column of getMetadataArgsStorage().columns) {
    const owner = column.target;
    if (!(owner === target || (typeof owner === 'function' && target.prototype instanceof owner))) continue;
    if (entity[column.propertyName] != null) continue;
    const type = String(column.options.type ?? '');
    entity[column.propertyName] =
      type === 'simple-json' ? [{ sample: column.propertyName }]
      : type === 'boolean' ? true
      : type === 'bigint' ? Date.UTC(2026, 1, 3, 4, 5, 6, 7)
      : /int|decimal|double|float|real/.test(type) ? 7
      : `v-${column.propertyName}`;
  }
  return entity as T;
}

describe('station document format', () => {
  const full: StationAggregate = {
    station: everyColumn(ChargeStation, {
      pk: 7,
      chargeStationId: 'CS-FULL',
      cpoPk: 1,
      locationId: 'LOC-1',
      deployState: 'Production',
      defaultChargeStationTariffId: 'T-1',
      chargerType: 'Business',
      chargeStationTemplateId: 'TPL-1',
      name: 'Full',
      remarks: 'Remarks',
      maintenanceInfo: 'Maintenance',
      installationDate: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
      defaultChargeStationReimbursementTariffId: 'R-1',
      defaultChargeStationDirections: [{ language: 'en', text: 'Left' }],
      defaultChargeStationFloorLevel: '-1',
      contactlessType: 'Payter',
      contactlessTerminalSerialNumber: 'P-1',
      contactlessTerminalAuthAmount: 25,
      tapToStop: true,
      stopOnParking: false,
      dynamicTimeBasedTariffs: true,
      timeOfUseTariffs: false,
      excludeVat: true,
      statusSchedule: [{ period_begin: '2026-01-01T00:00:00.000Z', period_end: '2026-01-02T00:00:00.000Z', status: 'BLOCKED', status_message: 'Works' }],
      authRules: [{ type: 'ClosedGroups', value: 'G-1' }],
      createdBy: 'creator',
      modifiedBy: 'modifier',
      etag: 'e-full',
      created: Date.UTC(2026, 0, 1),
      modified: Date.UTC(2026, 0, 3),
      lastUpdated: Date.UTC(2026, 0, 4),
    }),
    config: undefined,
    evses: [
      {
        evse: everyColumn(Evse, {
          pk: 100,
          stationPk: 7,
          cpoPk: 1,
          uid: 'U-1',
          evseId: 'NL*ACM*EFULL*1',
          evseSequenceNumber: 1,
          status: 'AVAILABLE',
          statusSchedule: [{ period_begin: '2026-01-01T00:00:00.000Z', period_end: null, status: 'INOPERATIVE', status_message: null }],
          capabilities: ['RFID_READER', 'CREDIT_CARD_PAYABLE'],
          floorLevel: '1',
          physicalReference: 'Bay 1',
          latitude: '52.37880',
          longitude: '4.90030',
          images: [{ url: 'https://example.com/a.jpg', thumbnail: 'https://example.com/t.jpg', category: 'CHARGER', type: 'jpeg', width: 10, height: 20 }],
          directions: [{ language: 'nl', text: 'Links' }],
          parkingRestrictions: ['EV_ONLY'],
          lastUpdated: Date.UTC(2026, 0, 5),
        }),
        connectors: [
          everyColumn(Connector, {
            pk: 1000,
            evsePk: 100,
            stationPk: 7,
            connectorId: '1',
            standard: 'IEC_62196_T2_COMBO',
            format: 'CABLE',
            powerType: 'DC',
            voltage: 920,
            amperage: 200,
            maxElectricPower: 150_000,
            tariffId: 'T-DC',
            reimbursementTariffId: 'R-DC',
            termsAndConditions: 'https://example.com/terms',
            lastUpdated: Date.UTC(2026, 0, 6),
            ocppStatus: 'Charging',
            ocppErrorCode: 'NoError',
            ocppInfo: 'info',
            ocppStatusAt: Date.UTC(2026, 0, 7),
          }),
        ],
      },
    ],
  };
  const empty = aggregate({ name: null, remarks: null, deployState: 'Deprecated', lastUpdated: 1, tapToStop: null, contactlessTerminalAuthAmount: null }, [
    { status: 'UNKNOWN', physicalReference: null, lastUpdated: 1, connectors: 1 },
  ], null);

  it('the full sample sets every column of a station, an EVSE and a connector (a new column shows in the fingerprint)', () => {
    const storage = getMetadataArgsStorage();
    const unset = [
      [ChargeStation, full.station],
      [Evse, full.evses[0].evse],
      [Connector, full.evses[0].connectors[0]],
    ].flatMap(([target, entity]) =>
      storage.columns
        .filter((column) => column.target === target || (typeof column.target === 'function' && (target as { prototype: object }).prototype instanceof column.target))
        .map((column) => column.propertyName)
        .filter((property) => (entity as unknown as Record<string, unknown>)[property] == null),
    );
    expect(unset).toEqual([]);
  });

  it(`is pinned to format ${STATION_DOCUMENT_FORMAT} (raise STATION_DOCUMENT_FORMAT when the station answer changes)`, () => {
    const fingerprint = createHash('sha256')
      .update(renderDocument(full).body)
      .update('\n')
      .update(renderDocument(empty).body)
      .digest('hex');
    expect({ format: STATION_DOCUMENT_FORMAT, fingerprint }).toEqual({ format: STATION_DOCUMENT_FORMAT, fingerprint: STATION_DOCUMENT_FORMATS[STATION_DOCUMENT_FORMAT] });
  });

  it('has one fingerprint per format, never the same for two, the newest the code\'s', () => {
    const fingerprints = Object.values(STATION_DOCUMENT_FORMATS);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    expect(Math.max(...Object.keys(STATION_DOCUMENT_FORMATS).map(Number))).toBe(STATION_DOCUMENT_FORMAT);
  });
});
