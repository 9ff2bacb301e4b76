import { readFileSync } from 'node:fs';
import { ApiTokenRepository } from '../../src/auth/api-token.repository.js';
import { EventPublisher } from '../../src/events/event.publisher.js';
import { auth, dialect, startFreshServer, type TestServer } from '../support/server.js';

/**
 * Tenancy: CPO B (OTHER), holding a valid write token, calls every operation of the OpenAPI document
 * aimed at CPO A's (ACME) objects. Every call must be refused (404 / 409 / 400) or answer an empty
 * list, must never echo A's identifiers or data, and must leave A's objects untouched.
 */

const LOCATIONS = '/api/2.0/Locations';
const STATIONS = '/api/1.0/ChargeStations';
const TEMPLATES = '/api/1.0/ChargeStations/ChargestationTemplate';
const WEBHOOKS = '/api/1.0/webhooks';
const EVENTS = '/api/1.0/events';
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface OpenApiDocument {
  paths: Record<string, Partial<Record<string, unknown>>>;
}

const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;

/** Every operation of the document except the health probes: `METHOD /path/{param}`. */
const OPERATIONS: string[] = Object.entries(document.paths)
  .filter(([path]) => !path.startsWith('/health/'))
  .flatMap(([path, item]) => METHODS.filter((method) => item[method] !== undefined).map((method) => `${method.toUpperCase()} ${path}`));

const ac = (id?: string) => ({ ...(id ? { id } : {}), standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 });

const LOCATION_A = { cpo_id: 'ACME', id: 'LOC-A', name: 'Acme Depot', address: 'Acmestraat 1', city: 'Amsterdam', postal_code: '1000AA', country: 'NLD' };
const TEMPLATE_A = {
  template_id: 'TPL-A',
  name: 'Acme Template',
  evse_templates: [{ evse_sequence_number: 1, capabilities: ['RFID_READER'], connector_templates: [{ ...ac(), id: 1 }] }],
};
const STATION_A = {
  charge_station_id: 'CS-A',
  location_id: 'LOC-A',
  deploy_state: 'Production',
  default_charge_station_tariff_id: 'T-ACME',
  charger_type: 'Public',
  name: 'Acme Charger',
  evses: [{ connectors: [ac('1')] }, { connectors: [ac('2')] }],
};

/** B's bodies: valid for B where possible, aimed at A's objects. */
const stationBodyB = { ...STATION_A, name: 'B takes over', default_charge_station_tariff_id: 'T-OTHER' };
const locationBodyB = { ...LOCATION_A, cpo_id: 'OTHER', name: 'B takes over', address: 'Otherweg 2' };
const templateBodyB = { ...TEMPLATE_A, name: 'B takes over' };
const BODIES: Record<string, object> = {
  [`POST ${LOCATIONS}`]: locationBodyB,
  [`PUT ${LOCATIONS}/{locationId}`]: locationBodyB,
  [`PATCH ${LOCATIONS}/{locationId}`]: { name: 'x' },
  [`POST ${STATIONS}`]: stationBodyB,
  [`PUT ${STATIONS}/{chargeStationId}`]: stationBodyB,
  [`PATCH ${STATIONS}/{chargeStationId}`]: { name: 'x' },
  [`PUT ${STATIONS}/{chargeStationId}/evses/{uid}`]: { connectors: [ac('1')] },
  [`PATCH ${STATIONS}/{chargeStationId}/evses/{uid}`]: { status: 'CHARGING' },
  [`PATCH ${STATIONS}/{chargeStationId}/evses/{uid}/connectors/{connectorId}`]: { voltage: 400 },
  [`POST ${TEMPLATES}`]: templateBodyB,
  [`PUT ${TEMPLATES}`]: templateBodyB,
  [`PUT ${TEMPLATES}/{templateId}`]: templateBodyB,
  [`POST ${WEBHOOKS}`]: { url: 'http://127.0.0.1:9/b', event_types: ['*'], cpo_id: 'ACME' },
  [`PATCH ${WEBHOOKS}/{webhookId}`]: { enabled: false },
  [`POST ${WEBHOOKS}/{webhookId}/replay`]: { since: '2026-01-01T00:00:00Z' },
};

/** List endpoints: B gets 200 with an empty list. */
const LISTS = new Set([`GET ${LOCATIONS}`, `GET ${STATIONS}`, `GET ${TEMPLATES}`, `GET ${WEBHOOKS}`, `GET ${EVENTS}`]);

/** Operations where B's id collides with one A holds: 409 is allowed. */
const CREATES = new Set([`POST ${LOCATIONS}`, `PUT ${LOCATIONS}/{locationId}`, `POST ${STATIONS}`, `PUT ${STATIONS}/{chargeStationId}`, `POST ${TEMPLATES}`, `PUT ${TEMPLATES}`, `PUT ${TEMPLATES}/{templateId}`]);

describe(`Tenancy: CPO B cannot see or touch CPO A's objects through any operation (${dialect})`, () => {
  let server: TestServer;
  let acme: string;
  let other: string;
  let secrets: string[];
  let params: Record<string, string>;
  let before: Record<string, unknown>;

  const snapshot = async (): Promise<Record<string, unknown>> => {
    const read = async (path: string) => (await server.http().get(path).set(auth(acme)).expect(200)).body.data as unknown;
    return {
      location: await read(`${LOCATIONS}/LOC-A`),
      station: await read(`${STATIONS}/CS-A`),
      evses: await read(`${STATIONS}/CS-A/evses`),
      template: await read(`${TEMPLATES}/TPL-A`),
      configuration: await read(`/api/1.0/chargestationconfigurations/CS-A`),
      locations: await read(LOCATIONS),
      stations: await read(STATIONS),
      templates: await read(TEMPLATES),
      webhook: await read(`${WEBHOOKS}/${params.webhookId}`),
      webhooks: await read(WEBHOOKS),
      deliveries: await read(`${WEBHOOKS}/${params.webhookId}/deliveries`),
      event: await read(`${EVENTS}/${params.eventId}`),
    };
  };

  beforeAll(async () => {
    server = await startFreshServer({ webhooksEnabled: false, webhookAllowHttp: true, webhookAllowPrivateTargets: true });
    acme = await server.tenant('ACME');
    other = await server.tenant('OTHER');
    await server.http().post(LOCATIONS).set(auth(acme)).send(LOCATION_A).expect(201);
    await server.http().post(TEMPLATES).set(auth(acme)).send(TEMPLATE_A).expect(201);
    const station = (await server.http().post(STATIONS).set(auth(acme)).send(STATION_A).expect(201)).body.data;
    const location = (await server.http().get(`${LOCATIONS}/LOC-A`).set(auth(acme)).expect(200)).body.data;
    const uids: string[] = station.evses.map((e: { uid: string }) => e.uid);
    expect(uids).toHaveLength(2);
    const webhook = (await server.http().post(WEBHOOKS).set(auth(acme)).send({ url: 'http://127.0.0.1:9/acme', event_types: ['*'] }).expect(201)).body.data;
    await server.app.get(EventPublisher).publishNow();
    const [event] = (await server.http().get(EVENTS).set(auth(acme)).expect(200)).body.data;
    params = { locationId: 'LOC-A', chargeStationId: 'CS-A', uid: uids[0], connectorId: '1', templateId: 'TPL-A', webhookId: webhook.id, eventId: event.id };
    const etags = [station.etag, location.etag].filter((e): e is string => typeof e === 'string' && e.length > 0);
    const evseIds = station.evses.map((e: { evse_id: string | null }) => e.evse_id).filter((e: unknown): e is string => typeof e === 'string');
    secrets = ['LOC-A', 'CS-A', 'TPL-A', 'ACME', 'Acme', 'T-ACME', ...uids, ...evseIds, ...etags, webhook.id, webhook.secret, event.id, '127.0.0.1:9/acme'];
    before = await snapshot();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('covers every operation of the OpenAPI document except health', () => {
    const all = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method] !== undefined).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(OPERATIONS).toEqual(all.filter((op) => !op.includes(' /health/')));
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(22);
    for (const op of OPERATIONS) {
      const [method, path] = op.split(' ');
      const hasBody = (document.paths[path][method.toLowerCase()] as { requestBody?: unknown }).requestBody !== undefined;
      if (hasBody) expect([op, BODIES[op] !== undefined]).toEqual([op, true]);
    }
  });

  /** B's request for `op`, with every path parameter and body id mapped through `ids`. */
  const call = (op: string, ids: Record<string, string>) => {
    const [method, template] = op.split(' ') as [string, string];
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`no value for path parameter ${name} in ${op}`);
      return encodeURIComponent(ids[params[name]] ?? params[name]);
    });
    let req = server.http()[method.toLowerCase() as Method](path).set(auth(other));
    if (['PUT', 'PATCH'].includes(method)) req = req.set('If-Match', `"${String((before.station as { etag: string }).etag)}"`);
    const body = BODIES[op] ? (JSON.parse(Object.entries(ids).reduce((text, [from, to]) => text.split(from).join(to), JSON.stringify(BODIES[op]))) as object) : undefined;
    return { path, body, response: body ? req.send(body) : req };
  };

  it.each(OPERATIONS)("%s by CPO B on A's objects is refused without leaking", async (op) => {
    const { path, body, response } = call(op, {});
    const res = await response;

    if (LISTS.has(op)) {
      expect([res.status, res.body.data]).toEqual([200, []]);
    } else {
      const allowed = [404];
      if (CREATES.has(op)) allowed.push(409);
      if (BODIES[op]) allowed.push(400);
      expect({ status: res.status, allowed }).toEqual({ status: allowed.includes(res.status) ? res.status : 'one of allowed', allowed });
    }

    // An id B itself sent may be echoed ("Location LOC-A not found"); nothing else of A's may appear.
    const sent = `${path}\n${JSON.stringify(body ?? {})}`;
    const exposed = `${res.text}\n${JSON.stringify(res.headers)}`;
    for (const secret of secrets.filter((s) => !sent.includes(s))) {
      expect({ op, leaked: exposed.includes(secret) ? secret : null }).toEqual({ op, leaked: null });
    }

    // A 404 on A's object reads exactly like a 404 on an object that does not exist at all.
    if (res.status === 404) {
      const ghosts: Record<string, string> = {
        'LOC-A': 'LOC-GHOST',
        'CS-A': 'CS-GHOST',
        'TPL-A': 'TPL-GHOST',
        [params.uid]: 'UID-GHOST',
        [params.webhookId]: '00000000-0000-4000-8000-000000000000',
        [params.eventId]: 'evt_GHOST',
      };
      const ghost = await call(op, ghosts).response;
      const normalise = (text: string, map: Record<string, string>) => Object.entries(map).reduce((t, [from, to]) => t.split(from).join(to), text);
      expect({ status: ghost.status, code: ghost.body.status_code, message: ghost.body.status_message }).toEqual({
        status: 404,
        code: res.body.status_code,
        message: normalise(String(res.body.status_message), ghosts),
      });
    }
  });

  it("leaves A's objects unchanged, etags included", async () => {
    expect(await snapshot()).toEqual(before);
  });

  it('a revoked token of B is refused with 401 on the next request', async () => {
    const token = await server.token(['OTHER'], 'write');
    await server.http().get(STATIONS).set(auth(token)).expect(200);
    expect(await new ApiTokenRepository(server.dataSource).revoke(token)).toBe(true);
    await server.http().get(STATIONS).set(auth(token)).expect(401);
    await server.http().patch(`${STATIONS}/CS-A`).set(auth(token)).send({ name: 'x' }).expect(401);
  });
});
