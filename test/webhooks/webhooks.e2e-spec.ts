import { RPCClient } from 'ocpp-rpc';
import { EventPublisher } from '../../src/events/event.publisher.js';
import { WebhookRelay } from '../../src/webhooks/webhook.relay.js';
import { Receiver } from '../support/receiver.js';
import { auth, dialect, startFreshServer, tableFingerprint, type TestServer } from '../support/server.js';

/**
 * SPEC §10 over HTTP: every change becomes an event, read in the feed and POSTed to the CPO's
 * webhook endpoints, signed so that `standardwebhooks` verifies it, retried, logged.
 */
const LOCATIONS = '/api/2.0/Locations';
const STATIONS = '/api/1.0/ChargeStations';
const TEMPLATES = '/api/1.0/ChargeStations/ChargestationTemplate';
const WEBHOOKS = '/api/1.0/webhooks';
const EVENTS = '/api/1.0/events';
const ac = { standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 };
const location = (id: string) => ({ cpo_id: 'HOOK', id, name: 'Depot', address: 'Kade 2', city: 'Utrecht', postal_code: '3511AA', country: 'NLD' });
const station = (id: string) => ({
  charge_station_id: id,
  location_id: 'HOOK-LOC',
  deploy_state: 'Production',
  default_charge_station_tariff_id: 'T-1',
  charger_type: 'Public',
  evses: [{ uid: `${id}-1`, connectors: [ac] }],
});

describe(`Change events and webhooks (${dialect})`, () => {
  let server: TestServer;
  let token: string;
  let other: string;
  let receiver: Receiver;

  beforeAll(async () => {
    server = await startFreshServer({
      webhookAllowHttp: true,
      webhookAllowPrivateTargets: true,
      webhookRetrySchedule: [0.2, 0.3, 0.3],
      webhookTimeoutMs: 12_000,
      rateLimitPerMinute: 0,
    });
    token = await server.tenant('HOOK');
    other = await server.tenant('OTHER');
    receiver = await Receiver.start();
    await server.http().post(LOCATIONS).set(auth(token)).send(location('HOOK-LOC')).expect(201);
  });

  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  const http = () => server.http();
  /** Everything published and delivered that can be, now. */
  const settle = async () => {
    await server.app.get(EventPublisher).publishNow();
    await server.app.get(WebhookRelay).idle();
  };
  const subscribe = async (url: string, eventTypes: string[] = ['*']) => {
    const created = (await http().post(WEBHOOKS).set(auth(token)).send({ url, event_types: eventTypes }).expect(201)).body.data;
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    return created as { id: string; secret: string };
  };
  const feed = async (after = 0, types?: string) =>
    (await http().get(EVENTS).query({ after, limit: 1000, ...(types ? { types } : {}) }).set(auth(token)).expect(200)).body.data as {
      id: string;
      type: string;
      sequence: number;
      data: Record<string, unknown>;
    }[];

  it('every change fires its event once, with data equal to what GET answered then; the feed and the webhook agree, signed', async () => {
    const endpoint = await subscribe(receiver.url);
    receiver.secrets = [endpoint.secret];
    const start = Math.max(0, ...(await feed()).map((e) => e.sequence));

    const createdLocation = (await http().post(LOCATIONS).set(auth(token)).send(location('HOOK-LOC-2')).expect(201)).body.data;
    const renamedLocation = (await http().patch(`${LOCATIONS}/HOOK-LOC-2`).set(auth(token)).send({ name: 'Renamed' }).expect(200)).body.data;
    const created = (await http().post(STATIONS).set(auth(token)).send(station('HOOK-1')).expect(201)).body.data;
    const patched = (await http().patch(`${STATIONS}/HOOK-1`).set(auth(token)).send({ name: 'Bay' }).expect(200)).body.data;
    await http().patch(`${STATIONS}/HOOK-1/evses/HOOK-1-1`).set(auth(token)).send({ status: 'CHARGING' }).expect(200);
    const afterStatus = (await http().get(`${STATIONS}/HOOK-1`).set(auth(token)).expect(200)).body.data;
    const template = (await http().post(TEMPLATES).set(auth(token)).send({ template_id: 'HOOK-T', name: 'T', evse_templates: [{ connector_templates: [{ ...ac, id: 1 }] }] }).expect(201)).body.data;
    // Writes that change nothing, and writes that fail, make no event.
    await http().put(`${STATIONS}/HOOK-1`).set(auth(token)).set('If-Match', patched.etag).send({ ...patched }).expect(200);
    await http().patch(`${STATIONS}/HOOK-1/evses/HOOK-1-1`).set(auth(token)).send({ status: 'CHARGING' }).expect(200);
    await http().put(`${STATIONS}/HOOK-1`).set(auth(token)).set('If-Match', '"stale"').send({ ...patched, etag: undefined, name: 'x' }).expect(412);
    await http().patch(`${STATIONS}/HOOK-1`).set(auth(token)).send({ deploy_state: 'Nonsense' }).expect(400);
    await settle();

    const events = await feed(start);
    expect(events.map((e) => e.type)).toEqual([
      'location.created',
      'location.updated',
      'charge_station.created',
      'charge_station.updated',
      'evse.status_changed',
      'hardware_template.created',
    ]);
    expect(events.map((e) => e.sequence)).toEqual([...events.map((e) => e.sequence)].sort((a, b) => a - b));
    expect(events[0].data).toEqual(createdLocation);
    expect(events[1].data).toEqual(renamedLocation);
    expect(events[2].data).toEqual(created);
    expect(events[3].data).toEqual(patched);
    expect(events[4].data).toEqual({
      charge_station_id: 'HOOK-1',
      location_id: 'HOOK-LOC',
      uid: 'HOOK-1-1',
      evse_id: null,
      status: 'CHARGING',
      previous_status: 'UNKNOWN',
      last_updated: afterStatus.evses[0].last_updated,
    });
    expect(events[5].data).toEqual(template);
    // The webhook got each once, verified, with the event's id as webhook-id.
    await receiver.until(() => events.every((e) => receiver.received.some((r) => r.event.id === e.id)));
    for (const event of events) {
      const got = receiver.received.filter((r) => r.event.id === event.id);
      expect(got).toHaveLength(1);
      expect(got[0].verified).toEqual([true]);
      expect(got[0].headers['webhook-id']).toBe(event.id);
      expect(got[0].event).toEqual(event);
      expect(got[0].headers['content-type']).toBe('application/json');
    }
    const one = (await http().get(`${EVENTS}/${events[2].id}`).set(auth(token)).expect(200)).body.data;
    expect(one).toEqual(events[2]);
  });

  it('the feed pages by sequence with Link and never lists another CPO\'s events', async () => {
    const all = await feed();
    expect(all.length).toBeGreaterThan(3);
    const first = await http().get(EVENTS).query({ limit: 2 }).set(auth(token)).expect(200);
    expect(first.body.data.map((e: { id: string }) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
    expect(first.headers['x-total-count']).toBe(String(all.length));
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.link)![1];
    expect(new URL(next).searchParams.get('after')).toBe(String(all[1].sequence));
    const second = await http().get(new URL(next).pathname + new URL(next).search).set(auth(token)).expect(200);
    expect(second.body.data.map((e: { id: string }) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
    const filtered = await feed(0, 'charge_station.created,evse.status_changed');
    expect(filtered.map((e) => e.type)).toEqual(all.filter((e) => ['charge_station.created', 'evse.status_changed'].includes(e.type)).map((e) => e.type));
    await http().get(EVENTS).query({ types: 'nonsense' }).set(auth(token)).expect(400);
    expect((await http().get(EVENTS).set(auth(other)).expect(200)).body.data).toEqual([]);
    await http().get(`${EVENTS}/${all[0].id}`).set(auth(other)).expect(404);
  });

  it('OCPP: connectivity, reported configuration and status notifications are events too', async () => {
    await http().post(STATIONS).set(auth(token)).send(station('HOOK-OCPP')).expect(201);
    await settle();
    const start = Math.max(...(await feed()).map((e) => e.sequence));
    const options = { endpoint: `${server.url.replace('http', 'ws')}/ocpp`, identity: 'HOOK-OCPP', protocols: ['ocpp1.6'], strictMode: true, reconnect: false };
    const charger = new RPCClient(options as ConstructorParameters<typeof RPCClient>[0]);
    charger.handle('GetConfiguration', async () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '120' }] }));
    await charger.connect();
    await charger.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Hook-1' });
    await charger.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await charger.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settle();
    const events = await feed(start);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('charge_station.connectivity_changed');
    expect(events[0].data).toMatchObject({ charge_station_id: 'HOOK-OCPP', connectivity_status: 'Online', client_ip_address: '127.0.0.1' });
    expect(types).toContain('charge_station.configuration_reported');
    const reported = events.filter((e) => e.type === 'charge_station.configuration_reported');
    expect(reported[reported.length - 1].data).toMatchObject({ charge_station_id: 'HOOK-OCPP', charge_point_vendor: 'ACME', heartbeat_interval: 120 });
    expect(events.find((e) => e.type === 'evse.status_changed')!.data).toMatchObject({ uid: 'HOOK-OCPP-1', status: 'CHARGING', previous_status: 'UNKNOWN' });
    expect(events[events.length - 1]).toMatchObject({ type: 'charge_station.connectivity_changed', data: { connectivity_status: 'Offline' } });
    expect(types.filter((t) => t === 'charge_station.connectivity_changed')).toHaveLength(2);
  });

  it('a failed attempt is retried with the same webhook-id until a 2xx; the deliveries log shows each attempt', async () => {
    const flaky = await Receiver.start();
    try {
      let calls = 0;
      flaky.answer = () => (++calls <= 2 ? { status: 500 } : { status: 204 });
      const endpoint = await subscribe(flaky.url, ['charge_station.created']);
      flaky.secrets = [endpoint.secret];
      await http().post(STATIONS).set(auth(token)).send(station('HOOK-RETRY')).expect(201);
      await flaky.until(() => flaky.received.length >= 3, 15_000);
      expect(new Set(flaky.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
      expect(flaky.received.every((r) => r.verified[0])).toBe(true);
      await settle();
      const log = (await http().get(`${WEBHOOKS}/${endpoint.id}/deliveries`).set(auth(token)).expect(200)).body.data;
      expect(log.map((a: { attempt: number; status: string; http_status: number }) => [a.attempt, a.status, a.http_status])).toEqual([
        [3, 'succeeded', 204],
        [2, 'failed', 500],
        [1, 'failed', 500],
      ]);
      expect(log[1].next_attempt_at).not.toBeNull();
      expect(log[0].next_attempt_at).toBeNull();
      const failed = (await http().get(`${WEBHOOKS}/${endpoint.id}/deliveries?status=failed`).set(auth(token)).expect(200)).body.data;
      expect(failed).toHaveLength(2);
      await http().delete(`${WEBHOOKS}/${endpoint.id}`).set(auth(token)).expect(200);
    } finally {
      await flaky.close();
    }
  });

  it('410 disables the endpoint at once; enabling it again clears the reason', async () => {
    const gone = await Receiver.start();
    try {
      gone.answer = () => ({ status: 410 });
      const endpoint = await subscribe(gone.url, ['charge_station.created']);
      await http().post(STATIONS).set(auth(token)).send(station('HOOK-GONE')).expect(201);
      await gone.until(() => gone.received.length === 1);
      await settle();
      const disabled = (await http().get(`${WEBHOOKS}/${endpoint.id}`).set(auth(token)).expect(200)).body.data;
      expect(disabled).toMatchObject({ enabled: false, disabled_reason: expect.stringContaining('410') });
      expect(disabled.secret).toBeUndefined();
      await http().post(STATIONS).set(auth(token)).send(station('HOOK-GONE-2')).expect(201);
      await settle();
      expect(gone.received).toHaveLength(1);
      const enabled = (await http().patch(`${WEBHOOKS}/${endpoint.id}`).set(auth(token)).send({ enabled: true }).expect(200)).body.data;
      expect(enabled).toMatchObject({ enabled: true, disabled_reason: null });
      await http().delete(`${WEBHOOKS}/${endpoint.id}`).set(auth(token)).expect(200);
    } finally {
      await gone.close();
    }
  });

  it('an endpoint whose every attempt has failed for WEBHOOK_DISABLE_AFTER_HOURS is disabled with its reason', async () => {
    const failing = await Receiver.start();
    try {
      failing.answer = () => ({ status: 503 });
      const endpoint = await subscribe(failing.url, ['charge_station.created']);
      // As if it had failed since 121 hours ago (the default limit is 120).
      await server.dataSource.query('UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?', [Date.now() - 121 * 3_600_000, endpoint.id]);
      await http().post(STATIONS).set(auth(token)).send(station('HOOK-DEAD')).expect(201);
      await failing.until(() => failing.received.length >= 1);
      await settle();
      const disabled = (await http().get(`${WEBHOOKS}/${endpoint.id}`).set(auth(token)).expect(200)).body.data;
      expect(disabled).toMatchObject({ enabled: false, disabled_reason: 'every delivery attempt failed for 120 hours' });
      await http().delete(`${WEBHOOKS}/${endpoint.id}`).set(auth(token)).expect(200);
    } finally {
      await failing.close();
    }
  });

  it('a receiver that takes 10 s does not delay deliveries to another endpoint', async () => {
    const slow = await Receiver.start();
    const fast = await Receiver.start();
    try {
      slow.answer = () => ({ status: 200, delayMs: 10_000 });
      const slowEndpoint = await subscribe(slow.url, ['charge_station.created']);
      const fastEndpoint = await subscribe(fast.url, ['charge_station.created']);
      const started = Date.now();
      for (let i = 0; i < 6; i++) await http().post(STATIONS).set(auth(token)).send(station(`HOOK-SLOW-${i}`)).expect(201);
      await fast.until(() => fast.received.length === 6, 5_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      await http().delete(`${WEBHOOKS}/${slowEndpoint.id}`).set(auth(token)).expect(200);
      await http().delete(`${WEBHOOKS}/${fastEndpoint.id}`).set(auth(token)).expect(200);
    } finally {
      await fast.close();
      await slow.close();
    }
  }, 20_000);

  it('after a rotation deliveries carry both signatures; test and replay send again; B never sees A\'s endpoints', async () => {
    const rotating = await Receiver.start();
    try {
      const endpoint = await subscribe(rotating.url, ['charge_station.created']);
      const rotated = (await http().post(`${WEBHOOKS}/${endpoint.id}/rotate-secret`).set(auth(token)).expect(200)).body.data;
      expect(rotated.secret).not.toBe(endpoint.secret);
      rotating.secrets = [endpoint.secret, rotated.secret];
      const sent = (await http().post(`${WEBHOOKS}/${endpoint.id}/test`).set(auth(token)).expect(202)).body.data;
      await rotating.until(() => rotating.received.some((r) => r.event.id === sent.event_id));
      const test = rotating.received.find((r) => r.event.id === sent.event_id)!;
      expect(test.event).toMatchObject({ type: 'webhook.test', cpo_id: 'HOOK', data: {} });
      expect(test.verified).toEqual([true, true]);
      expect(String(test.headers['webhook-signature']).split(' ')).toHaveLength(2);
      // Replay: every charge_station.created since then comes again, with its own id.
      const since = new Date(Date.now() - 60_000).toISOString();
      const replayed = (await http().post(`${WEBHOOKS}/${endpoint.id}/replay`).set(auth(token)).send({ since }).expect(202)).body.data.replayed;
      const created = (await feed(0, 'charge_station.created')).map((e) => e.id);
      expect(replayed).toBe(created.length);
      await rotating.until(() => created.every((id) => rotating.received.some((r) => r.event.id === id)), 10_000);
      // Tenancy.
      await http().get(`${WEBHOOKS}/${endpoint.id}`).set(auth(other)).expect(404);
      await http().get(`${WEBHOOKS}/${endpoint.id}/deliveries`).set(auth(other)).expect(404);
      await http().post(`${WEBHOOKS}/${endpoint.id}/test`).set(auth(other)).expect(404);
      expect((await http().get(WEBHOOKS).set(auth(other)).expect(200)).body.data).toEqual([]);
      const listed = (await http().get(WEBHOOKS).set(auth(token)).expect(200)).body.data;
      expect(listed.every((e: Record<string, unknown>) => !('secret' in e))).toBe(true);
      await http().delete(`${WEBHOOKS}/${endpoint.id}`).set(auth(token)).expect(200);
    } finally {
      await rotating.close();
    }
  });

  it('refuses bad endpoints with a 400 naming the field, and writes nothing', async () => {
    const before = await tableFingerprint(server.dataSource, 'webhook_endpoints');
    for (const [body, field] of [
      [{ url: 'not a url', event_types: ['*'] }, 'url'],
      [{ url: receiver.url, event_types: ['nonsense'] }, 'event_types'],
      [{ url: receiver.url, event_types: [] }, 'event_types'],
      [{ url: receiver.url }, 'event_types'],
      [{ url: receiver.url, event_types: ['*'], cpo_id: 'OTHER' }, 'cpo_id'],
    ] as const) {
      const answer = await http().post(WEBHOOKS).set(auth(token)).send(body).expect(400);
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await tableFingerprint(server.dataSource, 'webhook_endpoints')).toBe(before);
  });
});

describe(`Webhook targets (${dialect}, default settings)`, () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startFreshServer();
    token = await server.tenant('SSRF');
  });

  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['http://partner.example.com/hook', 'https'],
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://localhost/hook', 'loopback'],
    ['https://10.1.2.3/hook', 'private'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://[::1]/hook', 'loopback'],
    ['https://2130706433/hook', 'loopback'],
    ['https://user:pass@partner.example.com/hook', 'credentials'],
  ])('refuses %s (%s) with 400 naming url', async (url) => {
    const answer = await server.http().post(WEBHOOKS).set(auth(token)).send({ url, event_types: ['*'] }).expect(400);
    expect(answer.body.errors[0].field).toBe('url');
  });
});
