import { EventPublisher } from '../../src/events/event.publisher.js';
import { startServerProcess, type ServerProcess } from '../support/processes.js';
import { Receiver } from '../support/receiver.js';
import { auth, dialect, startFreshServer, type TestServer } from '../support/server.js';

/**
 * SPEC §10's guarantees with real server processes (dist/main.js) on one database: an acknowledged
 * write's event is delivered even when the process dies before sending it; processes share the
 * deliveries without sending one twice; the feed misses nothing while writers race.
 */
const STATIONS = '/api/1.0/ChargeStations';
const WEBHOOKS = '/api/1.0/webhooks';
const EVENTS = '/api/1.0/events';
const ac = { standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 };
const station = (id: string) => ({
  charge_station_id: id,
  location_id: 'G-LOC',
  deploy_state: 'Production',
  default_charge_station_tariff_id: 'T-1',
  charger_type: 'Public',
  evses: [{ uid: `${id}-1`, connectors: [ac] }],
});
const HOOK_ENV = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_RETRY_SCHEDULE: '0.2,0.5,1', RATE_LIMIT_PER_MINUTE: '0' };

async function send(url: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: { data?: Record<string, unknown> } }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...auth(token), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> } };
}

describe(`Webhook delivery guarantees across processes (${dialect})`, () => {
  let server: TestServer;
  let token: string;
  let receiver: Receiver;
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    // This in-process server made the schema and the tenant; it delivers nothing itself.
    server = await startFreshServer({ webhooksEnabled: false, webhookAllowHttp: true, webhookAllowPrivateTargets: true, rateLimitPerMinute: 0 });
    token = await server.tenant('GUAR');
    receiver = await Receiver.start();
    await server.http().post('/api/2.0/Locations').set(auth(token)).send({ cpo_id: 'GUAR', id: 'G-LOC', name: 'G', address: 'A', city: 'Utrecht', postal_code: '3511AA', country: 'NLD' }).expect(201);
    const created = (await server.http().post(WEBHOOKS).set(auth(token)).send({ url: receiver.url, event_types: ['charge_station.created', 'charge_station.updated'] }).expect(201)).body.data;
    receiver.secrets = [created.secret];
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await server?.close();
    await receiver?.close();
  });

  const feedIds = async (type: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let after = 0; ; ) {
      const page = (await server.http().get(EVENTS).query({ after, limit: 1000, types: type }).set(auth(token)).expect(200)).body.data as { id: string; sequence: number }[];
      if (page.length === 0) return ids;
      ids.push(...page.map((e) => e.id));
      after = page[page.length - 1].sequence;
    }
  };

  it('kill -9 after the writes were acknowledged and before any delivery: after a restart each is delivered, once, with its id', async () => {
    const quiet = await startServerProcess(server.settings, { ...HOOK_ENV, WEBHOOKS_ENABLED: 'false' });
    processes.push(quiet);
    for (let i = 0; i < 20; i++) expect((await send(quiet.url, token, 'POST', STATIONS, station(`G-KILL-${i}`))).status).toBe(201);
    await quiet.kill();
    expect(receiver.received).toHaveLength(0);
    const delivering = await startServerProcess(server.settings, HOOK_ENV);
    processes.push(delivering);
    const ids = await (async () => {
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
        const found = await feedIds('charge_station.created');
        if (found.length === 20) return found;
      }
      throw new Error('the 20 events were not published');
    })();
    await receiver.until(() => ids.every((id) => receiver.received.some((r) => r.event.id === id)), 15_000, 'the 20 events');
    for (const id of ids) expect(receiver.received.filter((r) => r.headers['webhook-id'] === id)).toHaveLength(1);
    expect(receiver.received.every((r) => r.verified[0])).toBe(true);
    await delivering.stop();
  }, 60_000);

  it('kill -9 while a delivery is in flight: the event is delivered again after the claim runs out, with the same webhook-id', async () => {
    receiver.received.length = 0;
    let hold = true;
    receiver.answer = () => (hold ? { status: 200, delayMs: 4_000 } : { status: 200 });
    const env = { ...HOOK_ENV, WEBHOOK_TIMEOUT_MS: '5000' };
    const first = await startServerProcess(server.settings, env);
    processes.push(first);
    expect((await send(first.url, token, 'POST', STATIONS, station('G-INFLIGHT'))).status).toBe(201);
    await receiver.until(() => receiver.received.length === 1, 10_000);
    await first.kill();
    const id = receiver.received[0].event.id;
    hold = false;
    const second = await startServerProcess(server.settings, env);
    processes.push(second);
    // The claim of the killed process lasts 2 × the time-out + 5 s from its attempt.
    await receiver.until(() => receiver.received.filter((r) => r.event.id === id).length === 2, 30_000, 'the delivery again');
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([id, id]);
    await second.stop();
  }, 60_000);

  it('two processes share 2,000 changes: every event delivered, none twice', async () => {
    receiver.received.length = 0;
    receiver.answer = () => ({ status: 200 });
    const pair = [await startServerProcess(server.settings, HOOK_ENV), await startServerProcess(server.settings, HOOK_ENV)];
    processes.push(...pair);
    const ids = Array.from({ length: 20 }, (_, i) => `G-PAIR-${i}`);
    for (const [i, id] of ids.entries()) expect((await send(pair[i % 2].url, token, 'POST', STATIONS, station(id))).status).toBe(201);
    const before = new Set(await feedIds('charge_station.updated'));
    // 100 rounds of 20 concurrent PATCHes, one per station, split over both processes.
    for (let round = 0; round < 100; round++) {
      const answers = await Promise.all(ids.map((id, i) => send(pair[(i + round) % 2].url, token, 'PATCH', `${STATIONS}/${id}`, { name: `round ${round}` })));
      expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    }
    const updates = (await feedIds('charge_station.updated')).filter((id) => !before.has(id));
    expect(updates).toHaveLength(2000);
    await receiver.until(() => new Set(receiver.events('charge_station.updated').map((r) => r.event.id)).size >= 2000, 60_000, '2,000 deliveries');
    await new Promise((r) => setTimeout(r, 1000));
    const got = receiver.events('charge_station.updated').map((r) => r.event.id);
    const counts = new Map<string, number>();
    for (const id of got) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(updates.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(got.filter((id) => !updates.includes(id))).toEqual([]);
    console.log(`webhooks (${dialect}): 2,000 changes through two processes, ${got.length} deliveries, ${counts.size} distinct`);
    await Promise.all(pair.map((p) => p.stop()));
  }, 180_000);

  it('a reader following the feed while 8 writers write misses no event and sees none twice', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `G-FEED-${i}`);
    for (const id of ids) await server.http().post(STATIONS).set(auth(token)).send(station(id)).expect(201);
    await server.app.get(EventPublisher).publishNow();
    const [{ last }] = (await server.dataSource.query('SELECT MAX(sequence) AS last FROM events')) as { last: number }[];
    const start = Number(last);
    let writing = true;
    const writers = ids.map(async (id) => {
      for (let n = 0; n < 40; n++) await server.http().patch(`${STATIONS}/${id}`).set(auth(token)).send({ remarks: `n ${n}` }).expect(200);
    });
    const done = Promise.all(writers).then(() => (writing = false));
    const seen: string[] = [];
    let after = start;
    for (let idle = 0; writing || idle < 10; ) {
      const page = (await server.http().get(EVENTS).query({ after, limit: 7 }).set(auth(token)).expect(200)).body.data as { id: string; sequence: number }[];
      if (page.length) {
        seen.push(...page.map((e) => e.id));
        after = page[page.length - 1].sequence;
        idle = 0;
      } else {
        idle += writing ? 0 : 1;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await done;
    const all = (await server.dataSource.query(`SELECT id FROM events WHERE sequence > ? AND type = 'charge_station.updated' ORDER BY sequence`, [start])) as { id: string }[];
    expect(all).toHaveLength(320);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => all.some((e) => e.id === id))).toEqual(all.map((e) => e.id));
  }, 60_000);
});
