import { RPCClient } from 'ocpp-rpc';
import { EventPublisher } from '../../src/events/event.publisher.js';
import { auth, dialect, startFreshServer, type TestServer } from '../support/server.js';

/**
 * The feed's ordering when transactions commit out of order, and the connectivity sweeper: a
 * charger that falls silent is announced Offline within 10 s of the moment it is due (SPEC §10).
 */
const EVENTS = '/api/1.0/events';
const STATIONS = '/api/1.0/ChargeStations';
const ac = { standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`Event timing (${dialect})`, () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startFreshServer({ defaultHeartbeatInterval: 1, rateLimitPerMinute: 0 });
    token = await server.tenant('TIME');
    await server.http().post('/api/2.0/Locations').set(auth(token)).send({ cpo_id: 'TIME', id: 'T-LOC', name: 'T', address: 'A', city: 'Utrecht', postal_code: '3511AA', country: 'NLD' }).expect(201);
  });

  afterAll(async () => {
    await server?.close();
  });

  const feed = async (after: number) =>
    (await server.http().get(EVENTS).query({ after, limit: 1000 }).set(auth(token)).expect(200)).body.data as { id: string; type: string; sequence: number; data: Record<string, unknown> }[];

  // SQLite runs one transaction at a time: a transaction cannot commit after one that began later.
  (dialect === 'mariadb' ? it : it.skip)('an event whose transaction commits late is listed after those already read, never skipped', async () => {
    await server.app.get(EventPublisher).publishNow();
    const start = Math.max(0, ...(await feed(0)).map((e) => e.sequence));
    const [{ pk: cpoPk }] = await server.dataSource.query(`SELECT pk FROM cpos WHERE cpo_id = 'TIME'`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    // A writer whose event row is written first (the lower pk) and committed last.
    const late = server.dataSource.transaction(async (manager) => {
      const data = { charge_station_id: 'T-LATE', location_id: 'T-LOC', uid: 'T-LATE-1', evse_id: null, status: 'AVAILABLE', previous_status: 'UNKNOWN', last_updated: new Date().toISOString() };
      await manager.query(`INSERT INTO events (id, cpo_pk, type, sequence, occurred_at, target_endpoint_pk, data) VALUES ('evt_LATE', ?, 'evse.status_changed', NULL, ?, NULL, ?)`, [cpoPk, Date.now(), JSON.stringify(data)]);
      inserted();
      await held;
    });
    await insertedYet;
    await server.http().post(STATIONS).set(auth(token)).send({ charge_station_id: 'T-EARLY', location_id: 'T-LOC', deploy_state: 'Production', default_charge_station_tariff_id: 'T', charger_type: 'Public', evses: [{ connectors: [ac] }] }).expect(201);
    await server.app.get(EventPublisher).publishNow();
    const read = await feed(start);
    expect(read.map((e) => e.type)).toEqual(['charge_station.created']);
    const readUpTo = read[0].sequence;
    release();
    await late;
    await server.app.get(EventPublisher).publishNow();
    const next = await feed(readUpTo);
    expect(next.map((e) => e.id)).toEqual(['evt_LATE']);
    expect(next[0].sequence).toBeGreaterThan(readUpTo);
  });

  it('a charger that falls silent is announced Offline within 10 s of 3 × its heartbeat interval', async () => {
    await server.http().post(STATIONS).set(auth(token)).send({ charge_station_id: 'T-SILENT', location_id: 'T-LOC', deploy_state: 'Production', default_charge_station_tariff_id: 'T', charger_type: 'Public', evses: [{ connectors: [ac] }] }).expect(201);
    await server.app.get(EventPublisher).publishNow();
    const start = Math.max(...(await feed(0)).map((e) => e.sequence));
    const options = { endpoint: `${server.url.replace('http', 'ws')}/ocpp`, identity: 'T-SILENT', protocols: ['ocpp1.6'], strictMode: true, reconnect: false, pingIntervalMs: 0 };
    const charger = new RPCClient(options as ConstructorParameters<typeof RPCClient>[0]);
    charger.handle('GetConfiguration', async () => ({ configurationKey: [] }));
    await charger.connect();
    const heardAt = Date.now();
    // Silent from now on (no heartbeats), the connection left open: due Offline 3 × 1 s later.
    let offline: { data: Record<string, unknown> } | undefined;
    for (const deadline = heardAt + 3_000 + 10_000; Date.now() < deadline && !offline; await sleep(250)) {
      await server.app.get(EventPublisher).publishNow();
      offline = (await feed(start)).find((e) => e.type === 'charge_station.connectivity_changed' && e.data.connectivity_status === 'Offline');
    }
    const announcedAt = Date.now();
    await charger.close({ force: true });
    expect(offline).toBeDefined();
    const changedAt = Date.parse(String(offline!.data.changed_at));
    expect(changedAt - heardAt).toBeGreaterThanOrEqual(2_900);
    expect(changedAt - heardAt).toBeLessThan(4_500);
    expect(announcedAt - (heardAt + 3_000)).toBeLessThan(10_000);
    const events = (await feed(start)).filter((e) => e.type === 'charge_station.connectivity_changed').map((e) => e.data.connectivity_status);
    expect(events).toEqual(['Online', 'Offline']);
  }, 30_000);
});
