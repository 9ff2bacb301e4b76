import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { RPCClient } from 'ocpp-rpc';
import WebSocket from 'ws';
import { auth, dialect, dropStationDocument, startFreshServer, startServer, type TestServer } from './support/server.js';

const STATIONS = '/api/1.0/ChargeStations';
const ac = { standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 };

function stationBody(id: string, overrides: Record<string, unknown> = {}) {
  return {
    charge_station_id: id,
    location_id: 'LOC-OCPP',
    deploy_state: 'Production',
    default_charge_station_tariff_id: 'T',
    charger_type: 'Public',
    evses: [{ connectors: [{ ...ac, id: '1' }] }, { connectors: [{ ...ac, id: '2' }] }],
    ...overrides,
  };
}

const BOOT = {
  chargePointVendor: 'ABB',
  chargePointModel: 'Terra AC',
  chargePointSerialNumber: 'TACW-0001',
  chargeBoxSerialNumber: 'CB-0001',
  firmwareVersion: '1.8.21',
  iccid: '8931440400012345678',
  imsi: '204080123456789',
  meterType: 'EEM-350',
  meterSerialNumber: 'MTR-42',
};

const CONFIGURATION = [
  { key: 'HeartbeatInterval', readonly: false, value: '300' },
  { key: 'NumberOfConnectors', readonly: true, value: '2' },
];

/** An independent OCPP 1.6J charger: ocpp-rpc's client in strict schema mode. */
function charger(server: TestServer, identity: string, configuration = CONFIGURATION): RPCClient {
  const options = { endpoint: `${server.url.replace('http', 'ws')}/ocpp`, identity, protocols: ['ocpp1.6'], strictMode: true, reconnect: false };
  const client = new RPCClient(options as ConstructorParameters<typeof RPCClient>[0]);
  client.handle('GetConfiguration', async () => ({ configurationKey: configuration }));
  return client;
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`OCPP 1.6J gateway (${dialect})`, () => {
  let server: TestServer;
  let token: string;
  const open: RPCClient[] = [];

  beforeAll(async () => {
    server = await startFreshServer({ defaultHeartbeatInterval: 300 });
    token = await server.tenant('ACME');
    const location = { cpo_id: 'ACME', id: 'LOC-OCPP', name: 'L', address: 'A', city: 'Amsterdam', postal_code: '1000AA', country: 'NLD' };
    await server.http().post('/api/2.0/Locations').set(auth(token)).send(location).expect(201);
  });

  afterEach(async () => {
    await Promise.allSettled(open.splice(0).map((c) => c.close({ force: true })));
  });

  afterAll(async () => {
    await server?.close();
  });

  const getStation = async (id: string) => (await server.http().get(`${STATIONS}/${id}`).set(auth(token)).expect(200)).body.data;

  it('a registered charger boots and reports statuses; REST shows them; the station etag stays', async () => {
    const before = (await server.http().post(STATIONS).set(auth(token)).send(stationBody('OCPP-1')).expect(201)).body.data;
    const client = charger(server, 'ocpp-1');
    open.push(client);
    await client.connect();
    const boot = await client.call('BootNotification', BOOT);
    expect(boot).toMatchObject({ status: 'Accepted', interval: 300 });
    await client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
    await client.call('StatusNotification', { connectorId: 2, errorCode: 'GroundFailure', status: 'Faulted', info: 'RCD tripped' });
    await client.call('Heartbeat', {});

    const configuration = await eventually(
      async () => (await server.http().get(`/api/1.0/chargestationconfigurations/OCPP-1`).set(auth(token)).expect(200)).body.data,
      (c) => c.configuration_keys.length > 0,
    );
    expect(configuration).toMatchObject({
      charge_point_vendor: 'ABB',
      charge_point_model: 'Terra AC',
      charge_point_serial_number: 'TACW-0001',
      charge_box_serial_number: 'CB-0001',
      firmware_version: '1.8.21',
      iccid: BOOT.iccid,
      imsi: BOOT.imsi,
      meter_type: 'EEM-350',
      meter_serial_number: 'MTR-42',
      connectivity_status: 'Online',
      protocol_version: 'Ocpp16',
      remote_manageable: true,
      client_ip_address: '127.0.0.1',
      configuration_keys: CONFIGURATION.map(({ key, value, readonly }) => ({ key, value, readonly })),
    });
    expect(configuration.last_heartbeat).not.toBeNull();

    const station = await getStation('OCPP-1');
    expect(station).toMatchObject({ connectivity_status: 'Online', status: 'CHARGING', charge_point_vendor: 'ABB', firmware_version: '1.8.21' });
    expect(station.evses.map((e: { status: string }) => e.status)).toEqual(['CHARGING', 'OUTOFORDER']);
    expect(station.etag).toBe(before.etag);
    expect(station.last_updated).toBe(before.last_updated);
    expect(station.modified).toBe(before.modified);
    // GET and lists answer from the stored document with the live parts filled in: the same station,
    // to the byte, as read from the tables.
    const listed = (await server.http().get(`${STATIONS}?limit=1000`).set(auth(token)).expect(200)).body.data;
    expect(JSON.stringify(listed.find((s: { charge_station_id: string }) => s.charge_station_id === 'OCPP-1'))).toBe(JSON.stringify(station));
    await dropStationDocument(server.dataSource, 'OCPP-1');
    expect(JSON.stringify(await getStation('OCPP-1'))).toBe(JSON.stringify(station));

    // The client's GET → PUT round trip still works: reported values come back unchanged.
    await server.http().put(`${STATIONS}/OCPP-1`).set(auth(token)).set('If-Match', before.etag).send({ ...station, name: 'Edited' }).expect(200);
  });

  it('refuses unknown and deprecated identities at the handshake', async () => {
    await expect(charger(server, 'NOBODY').connect()).rejects.toThrow();
    await server.http().post(STATIONS).set(auth(token)).send(stationBody('OCPP-OLD', { deploy_state: 'Deprecated' })).expect(201);
    await expect(charger(server, 'OCPP-OLD').connect()).rejects.toThrow();
    const wrongPath = new WebSocket(`${server.url.replace('http', 'ws')}/elsewhere/OCPP-1`, 'ocpp1.6');
    await expect(new Promise((resolve, reject) => wrongPath.on('open', resolve).on('error', reject))).rejects.toThrow();
  });

  it('a newer connection for the same identity replaces the older one', async () => {
    await server.http().post(STATIONS).set(auth(token)).send(stationBody('OCPP-2')).expect(201);
    const first = charger(server, 'OCPP-2');
    open.push(first);
    await first.connect();
    const closed = new Promise<{ code: number }>((resolve) => first.once('close', resolve));
    const second = charger(server, 'OCPP-2');
    open.push(second);
    await second.connect();
    expect((await closed).code).toBe(4000);
    await second.call('Heartbeat', {});
    expect((await getStation('OCPP-2')).connectivity_status).toBe('Online');
  });

  it('malformed, unknown and schema-invalid messages get a CALLERROR and the connection stays usable', async () => {
    await server.http().post(STATIONS).set(auth(token)).send(stationBody('OCPP-3')).expect(201);
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ocpp/OCPP-3`, 'ocpp1.6');
    await new Promise((resolve, reject) => socket.on('open', resolve).on('error', reject));
    const replies: unknown[][] = [];
    socket.on('message', (data) => replies.push(JSON.parse(String(data))));
    const reply = async (count: number) => eventually(async () => replies, (r) => r.length >= count, 5000);
    try {
      socket.send('this is not json');
      expect((await reply(1))[0][0]).toBe(4);
      socket.send(JSON.stringify([2, 'u1', 'TeleportCar', {}]));
      expect((await reply(2))[1]).toEqual([4, 'u1', 'NotImplemented', expect.any(String), expect.anything()]);
      socket.send(JSON.stringify([2, 'b1', 'BootNotification', { chargePointVendor: 42 }]));
      const invalid = (await reply(3))[2];
      expect(invalid.slice(0, 2)).toEqual([4, 'b1']);
      // Codes as the OCPP-J 1.6 errata spell them (a missing required field here).
      expect(invalid[2]).toBe('OccurrenceConstraintViolation');
      socket.send(JSON.stringify([2, 'a1', 'Authorize', { idTag: 'TAG-1' }]));
      expect((await reply(4))[3].slice(0, 3)).toEqual([4, 'a1', 'NotSupported']);
      socket.send(JSON.stringify([2, 'h1', 'Heartbeat', {}]));
      expect((await reply(5))[4]).toEqual([3, 'h1', { currentTime: expect.any(String) }]);
    } finally {
      socket.close();
    }
    const station = await getStation('OCPP-3');
    expect(station.charge_point_vendor).toBeNull();
  });

  it('a silent charger goes Offline after 3 × heartbeat_interval and its EVSEs read UNKNOWN', async () => {
    // A second server on the same database whose default heartbeat interval is 1 s.
    const quick = await startServer({ ...server.settings, defaultHeartbeatInterval: 1 });
    try {
      const quickToken = await quick.tenant('QUICK');
      const location = { cpo_id: 'QUICK', id: 'LOC-Q', name: 'L', address: 'A', city: 'Amsterdam', postal_code: '1000AA', country: 'NLD' };
      await quick.http().post('/api/2.0/Locations').set(auth(quickToken)).send(location).expect(201);
      await quick.http().post(STATIONS).set(auth(quickToken)).send(stationBody('SILENT-1', { location_id: 'LOC-Q' })).expect(201);
      const client = charger(quick, 'SILENT-1', []);
      open.push(client);
      const closed = new Promise<{ code: number }>((resolve) => client.once('close', resolve));
      await client.connect();
      expect(await client.call('BootNotification', BOOT)).toMatchObject({ interval: 1 });
      await client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
      const online = (await quick.http().get(`${STATIONS}/SILENT-1`).set(auth(quickToken)).expect(200)).body.data;
      expect(online).toMatchObject({ connectivity_status: 'Online', status: 'AVAILABLE' });

      expect((await closed).code).toBe(4001);
      const offline = (await quick.http().get(`${STATIONS}/SILENT-1`).set(auth(quickToken)).expect(200)).body.data;
      expect(offline.connectivity_status).toBe('Offline');
      expect(offline.status).toBe('UNKNOWN');
      expect(offline.evses.map((e: { status: string }) => e.status)).toEqual(['UNKNOWN', 'UNKNOWN']);
      const listed = (await quick.http().get(`${STATIONS}?limit=1000`).set(auth(quickToken)).expect(200)).body.data;
      expect(listed.find((s: { charge_station_id: string }) => s.charge_station_id === 'SILENT-1')).toEqual(offline);
      await dropStationDocument(quick.dataSource, 'SILENT-1');
      expect((await quick.http().get(`${STATIONS}/SILENT-1`).set(auth(quickToken)).expect(200)).body.data).toEqual(offline);
    } finally {
      await quick.close();
    }
  }, 20_000);

  it('200 chargers at once: every boot and status is reflected over REST, nothing lost, nothing logged as an error', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    try {
      const ids = Array.from({ length: 200 }, (_, i) => `FLEET-${String(i).padStart(3, '0')}`);
      for (let i = 0; i < ids.length; i += 20) {
        await Promise.all(ids.slice(i, i + 20).map((id) => server.http().post(STATIONS).set(auth(token)).send(stationBody(id)).expect(201)));
      }
      const statuses = ['Available', 'Charging', 'Reserved', 'Unavailable'] as const;
      const clients = ids.map((id) => charger(server, id));
      open.push(...clients);
      await Promise.all(
        clients.map(async (client, i) => {
          await client.connect();
          await client.call('BootNotification', { ...BOOT, chargePointSerialNumber: `SN-${i}` });
          await client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: statuses[i % 4] });
          await client.call('StatusNotification', { connectorId: 2, errorCode: 'NoError', status: statuses[(i + 1) % 4] });
        }),
      );
      const expected = { Available: 'AVAILABLE', Charging: 'CHARGING', Reserved: 'RESERVED', Unavailable: 'OUTOFORDER' };
      const page = (await server.http().get(`${STATIONS}?limit=1000`).set(auth(token)).expect(200)).body.data.filter((s: { charge_station_id: string }) =>
        s.charge_station_id.startsWith('FLEET-'),
      );
      expect(page).toHaveLength(200);
      for (const station of page) {
        const i = Number(station.charge_station_id.slice(6));
        expect(station.connectivity_status).toBe('Online');
        expect(station.charge_point_serial_number).toBe(`SN-${i}`);
        expect(station.evses.map((e: { status: string }) => e.status)).toEqual([expected[statuses[i % 4]], expected[statuses[(i + 1) % 4]]]);
      }
      expect(errors).not.toHaveBeenCalled();
      expect(warnings.mock.calls.filter(([message]) => !String(message).includes('GetConfiguration'))).toEqual([]);
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
  }, 60_000);
});
