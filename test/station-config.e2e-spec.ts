/**
 * Station configurations (SPEC §7): the read-only configuration a charger reports, its defaults
 * before the charger connects, the CSV form, tenancy, and proof that no station write (POST, PUT,
 * PATCH of `/api/1.0/ChargeStations`) can change any of it. Until the OCPP gateway exists, a
 * charger's report is simulated by writing the `station_configurations` row directly.
 */
import { ChargeStation } from '../src/charge-stations/charge-station.entity.js';
import { StationConfiguration } from '../src/station-config/station-configuration.entity.js';
import { auth, dialect, startFreshServer, tableFingerprint, type TestServer } from './support/server.js';

const STATIONS = '/api/1.0/ChargeStations';
const CONFIGURATIONS = '/api/1.0/chargestationconfigurations';
const OCPP_URL = 'wss://ocpp.example.test/ocpp';
const DEFAULT_HEARTBEAT = 900;

type Json = Record<string, any>;

function stationBody(id: string, overrides: Json = {}): Json {
  return {
    charge_station_id: id,
    location_id: 'LOC-1',
    deploy_state: 'Production',
    default_charge_station_tariff_id: 'T1',
    charger_type: 'Public',
    evses: [{ connectors: [{ standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 }] }],
    ...overrides,
  };
}

/** What a station's configuration reads before its charger ever connected, with this server's settings. */
const defaults = (id: string): Json => ({
  charge_station_id: id,
  heartbeat_interval: DEFAULT_HEARTBEAT,
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
  endpoint: OCPP_URL,
  connectivity_status: 'Offline',
  client_ip_address: null,
  last_boot_notification: null,
  last_heartbeat: null,
  configuration_keys: [],
});

/** A row as the OCPP gateway will write it after BootNotification, Heartbeat and GetConfiguration. */
const REPORTED_ROW: Omit<StationConfiguration, 'stationPk'> = {
  heartbeatInterval: 60,
  chargePointModel: 'Terra AC',
  chargePointVendor: 'ABB',
  chargePointSerialNumber: 'TACW-1234',
  chargeBoxSerialNumber: 'CB-0099',
  firmwareVersion: '1.8.21',
  iccid: '8931440400012345678',
  imsi: '204080123456789',
  meterSerialNumber: 'MTR-42',
  meterType: 'EEM-350',
  remoteManageable: true,
  protocolVersion: 'Ocpp16',
  connectivityStatus: 'Online',
  clientIpAddress: '203.0.113.7',
  lastBootNotification: Date.UTC(2026, 2, 1, 8, 0, 0, 123),
  lastHeartbeat: Date.UTC(2026, 2, 1, 8, 5, 0, 456),
  // Seen just now, so the station reads Online (connectivity lapses after 3 heartbeat intervals of silence).
  lastSeen: Date.now() + 3_600_000,
  configurationKeys: [
    { key: 'HeartbeatInterval', value: '60', readonly: false },
    { key: 'ChargePointLabel', value: 'Bay "A", left', readonly: true },
    { key: 'AuthorizationKey', value: null, readonly: false },
  ],
};

const reported = (id: string): Json => ({
  charge_station_id: id,
  heartbeat_interval: 60,
  charge_point_model: 'Terra AC',
  charge_point_vendor: 'ABB',
  charge_point_serial_number: 'TACW-1234',
  charge_box_serial_number: 'CB-0099',
  firmware_version: '1.8.21',
  iccid: '8931440400012345678',
  imsi: '204080123456789',
  meter_serial_number: 'MTR-42',
  meter_type: 'EEM-350',
  remote_manageable: true,
  protocol_version: 'Ocpp16',
  endpoint: OCPP_URL,
  connectivity_status: 'Online',
  client_ip_address: '203.0.113.7',
  last_boot_notification: '2026-03-01T08:00:00.123Z',
  last_heartbeat: '2026-03-01T08:05:00.456Z',
  configuration_keys: [
    { key: 'HeartbeatInterval', value: '60', readonly: false },
    { key: 'ChargePointLabel', value: 'Bay "A", left', readonly: true },
    { key: 'AuthorizationKey', value: null, readonly: false },
  ],
});

const REPORTED_FIELDS = [
  'heartbeat_interval',
  'charge_point_model',
  'charge_point_vendor',
  'charge_point_serial_number',
  'charge_box_serial_number',
  'firmware_version',
  'iccid',
  'imsi',
  'meter_serial_number',
  'meter_type',
  'remote_manageable',
  'protocol_version',
  'endpoint',
] as const;

/** Live fields: [field, the value REPORTED_ROW gives it, its value before a charger connects]. */
const LIVE_FIELDS = [
  ['connectivity_status', 'Online', 'Offline'],
  ['client_ip_address', '203.0.113.7', null],
] as const;

/** A value of the same kind as `value` that differs from it. */
function otherThan(field: string, value: unknown): unknown {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (field === 'protocol_version') return value === 'Ocpp201' ? 'Ocpp15' : 'Ocpp201';
  return `${value ?? 'unset'}-changed`;
}

describe(`Station configurations (${dialect})`, () => {
  let server: TestServer;
  let acme: string;
  let other: string;

  beforeAll(async () => {
    server = await startFreshServer({ ocppPublicUrl: OCPP_URL, defaultHeartbeatInterval: DEFAULT_HEARTBEAT });
    acme = await server.tenant('ACME');
    other = await server.tenant('OTHER');
    const location = { cpo_id: 'ACME', name: 'L', address: 'A', city: 'Amsterdam', postal_code: '1000AA', country: 'NLD', id: 'LOC-1' };
    await server.http().post('/api/2.0/Locations').set(auth(acme)).send(location).expect(201);
  });

  afterAll(async () => {
    await server?.close();
  });

  const createStation = async (id: string) => server.http().post(STATIONS).set(auth(acme)).send(stationBody(id)).expect(201);

  /** Simulates the OCPP gateway: the charger of station `id` reported REPORTED_ROW. */
  async function chargerReported(id: string): Promise<void> {
    const station = await server.dataSource.manager.findOneByOrFail(ChargeStation, { chargeStationId: id });
    await server.dataSource.getRepository(StationConfiguration).update({ stationPk: station.pk }, REPORTED_ROW);
  }

  const configuration = async (id: string, token = acme): Promise<Json> =>
    (await server.http().get(`${CONFIGURATIONS}/${id}`).set(auth(token)).expect(200)).body.data;

  const configurationsFingerprint = () => tableFingerprint(server.dataSource, 'station_configurations');

  it('answers every field with its default before a charger has connected', async () => {
    await createStation('CFG-DEFAULT');
    const response = await server.http().get(`${CONFIGURATIONS}/CFG-DEFAULT`).set(auth(acme)).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers.vary).toMatch(/Accept/i);
    expect(response.body).toEqual({ data: defaults('CFG-DEFAULT'), status_code: 1000, status_message: 'Success', timestamp: expect.any(String) });

    // Path and id are case-insensitive; the answer shows the id as stored.
    const lower = await server.http().get('/api/1.0/ChargeStationConfigurations/cfg-default').set(auth(acme)).expect(200);
    expect(lower.body.data).toEqual(defaults('CFG-DEFAULT'));

    const csv = await server.http().get(`${CONFIGURATIONS}/CFG-DEFAULT`).set(auth(acme)).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toBe('ChargeStationId,Key,Value\r\n');
  });

  it('answers what the charger reported, as JSON and as CSV', async () => {
    await createStation('CFG-REPORTED');
    await chargerReported('CFG-REPORTED');

    expect(await configuration('CFG-REPORTED')).toEqual(reported('CFG-REPORTED'));

    const csv = await server.http().get(`${CONFIGURATIONS}/cfg-reported`).set(auth(acme)).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers.vary).toMatch(/Accept/i);
    expect(csv.text).toBe(
      'ChargeStationId,Key,Value\r\n' +
        'CFG-REPORTED,HeartbeatInterval,60\r\n' +
        'CFG-REPORTED,ChargePointLabel,"Bay ""A"", left"\r\n' +
        'CFG-REPORTED,AuthorizationKey,\r\n',
    );

    // The station shows the same reported and live values.
    const station = (await server.http().get(`${STATIONS}/CFG-REPORTED`).set(auth(acme)).expect(200)).body.data;
    const onStation = [...REPORTED_FIELDS, ...LIVE_FIELDS.map(([field]) => field)];
    expect(Object.fromEntries(onStation.map((field) => [field, station[field]]))).toEqual(
      Object.fromEntries(onStation.map((field) => [field, reported('CFG-REPORTED')[field]])),
    );
  });

  it('chooses the form by Accept: JSON unless CSV is preferred', async () => {
    await createStation('CFG-ACCEPT');
    const as = (accept: string) => server.http().get(`${CONFIGURATIONS}/CFG-ACCEPT`).set(auth(acme)).set('Accept', accept).expect(200);
    expect((await as('application/json')).body.data).toEqual(defaults('CFG-ACCEPT'));
    expect((await as('*/*')).body.data).toEqual(defaults('CFG-ACCEPT'));
    expect((await as('text/csv;q=0.5, application/json')).body.data).toEqual(defaults('CFG-ACCEPT'));
    expect((await as('text/csv, */*;q=0.1')).text).toBe('ChargeStationId,Key,Value\r\n');
  });

  it('has no write route', async () => {
    await createStation('CFG-NOWRITE');
    await chargerReported('CFG-NOWRITE');
    const before = await configurationsFingerprint();
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const response = await server.http()[method](`${CONFIGURATIONS}/CFG-NOWRITE`).set(auth(acme)).send({ heartbeat_interval: 10 });
      expect(response.status).toBe(404);
    }
    expect(await configurationsFingerprint()).toBe(before);
    expect(await configuration('CFG-NOWRITE')).toEqual(reported('CFG-NOWRITE'));
  });

  it.each(REPORTED_FIELDS)('charger-reported %s: no station write can set or change it; its current value is accepted', async (field) => {
    const expectReadOnly = (response: { status: number; body: Json }) => {
      expect(response.status).toBe(400);
      expect(response.body.status_code).toBe(2001);
      expect(response.body.errors).toEqual([{ field, message: expect.stringMatching(/read-only/) }]);
    };

    // POST: another value than the default is refused and creates nothing; the default is accepted.
    const fresh = defaults('x')[field];
    const refusedId = `N-${field}`;
    expectReadOnly(await server.http().post(STATIONS).set(auth(acme)).send(stationBody(refusedId, { [field]: otherThan(field, fresh) })));
    await server.http().get(`${CONFIGURATIONS}/${refusedId}`).set(auth(acme)).expect(404);
    const acceptedId = `D-${field}`;
    await server.http().post(STATIONS).set(auth(acme)).send(stationBody(acceptedId, { [field]: fresh })).expect(201);
    expect(await configuration(acceptedId)).toEqual(defaults(acceptedId));

    // PUT and PATCH of a station whose charger reported: another value is refused and changes nothing.
    const id = `R-${field}`;
    await createStation(id);
    await chargerReported(id);
    const before = await configuration(id);
    const fingerprint = await configurationsFingerprint();
    const current = before[field];
    const station = (await server.http().get(`${STATIONS}/${id}`).set(auth(acme)).expect(200)).body.data;
    expect(station[field]).toEqual(current);

    expectReadOnly(await server.http().put(`${STATIONS}/${id}`).set(auth(acme)).send({ ...station, [field]: otherThan(field, current) }));
    expectReadOnly(await server.http().patch(`${STATIONS}/${id}`).set(auth(acme)).send({ [field]: otherThan(field, current) }));
    if (fresh !== current) expectReadOnly(await server.http().patch(`${STATIONS}/${id}`).set(auth(acme)).send({ [field]: fresh }));
    expect(await configuration(id)).toEqual(before);
    expect(await configurationsFingerprint()).toBe(fingerprint);

    // Its current value (e.g. straight from a GET) is accepted and still changes nothing.
    await server.http().put(`${STATIONS}/${id}`).set(auth(acme)).send({ ...station, [field]: current }).expect(200);
    await server.http().patch(`${STATIONS}/${id}`).set(auth(acme)).send({ [field]: current }).expect(200);
    expect(await configuration(id)).toEqual(before);
    expect(await configurationsFingerprint()).toBe(fingerprint);
  });

  it.each(LIVE_FIELDS)('live %s: every station write ignores it, whatever its value', async (field, reportedValue, defaultValue) => {
    const newId = `L-${field}`;
    await server.http().post(STATIONS).set(auth(acme)).send(stationBody(newId, { [field]: reportedValue })).expect(201);
    expect(await configuration(newId)).toEqual({ ...defaults(newId), [field]: defaultValue });

    const id = `RL-${field}`;
    await createStation(id);
    await chargerReported(id);
    const before = await configuration(id);
    const fingerprint = await configurationsFingerprint();
    const station = (await server.http().get(`${STATIONS}/${id}`).set(auth(acme)).expect(200)).body.data;
    for (const value of [defaultValue, `${reportedValue}-changed`, 42, { nested: true }]) {
      await server.http().put(`${STATIONS}/${id}`).set(auth(acme)).send({ ...station, [field]: value }).expect(200);
      await server.http().patch(`${STATIONS}/${id}`).set(auth(acme)).send({ [field]: value }).expect(200);
    }
    expect(await configuration(id)).toEqual(before);
    expect(before[field]).toBe(reportedValue);
    expect(await configurationsFingerprint()).toBe(fingerprint);
  });

  it('shows a station to its own CPO only, in both forms; needs a token', async () => {
    await createStation('CFG-TENANT');
    await chargerReported('CFG-TENANT');

    for (const accept of ['application/json', 'text/csv']) {
      for (const id of ['CFG-TENANT', 'CFG-UNKNOWN']) {
        const hidden = await server.http().get(`${CONFIGURATIONS}/${id}`).set(auth(other)).set('Accept', accept).expect(404);
        expect(hidden.headers['content-type']).toMatch(/^application\/json/);
        expect(hidden.body).toEqual({ status_code: 2000, status_message: expect.any(String), timestamp: expect.any(String) });
        expect(hidden.text).not.toMatch(/ABB|Terra|203\.0\.113/);
      }
      const anonymous = await server.http().get(`${CONFIGURATIONS}/CFG-TENANT`).set('Accept', accept).expect(401);
      expect(anonymous.body.status_code).toBe(2000);
      await server.http().get(`${CONFIGURATIONS}/CFG-TENANT`).set({ Authorization: 'Token not-a-token', Accept: accept }).expect(401);
    }

    const reader = await server.token(['ACME'], 'read');
    expect(await configuration('CFG-TENANT', reader)).toEqual(reported('CFG-TENANT'));
  });
});
