/**
 * The OpenAPI contract (issue 7): the main flows of every resource, the error cases, and every
 * response checked against the committed `openapi/openapi.json` — status documented for the
 * operation, body matching its schema with no undocumented field, `ETag`/`X-Total-Count`/`Link`
 * only where documented.
 */
import { EventPublisher } from '../../src/events/event.publisher.js';
import { contractChecked, contractViolations, documentedOperationIds, exercised } from '../support/contract.js';
import { auth, dialect, startFreshServer, type TestServer } from '../support/server.js';

const LOCATIONS = '/api/2.0/Locations';
const STATIONS = '/api/1.0/ChargeStations';
const TEMPLATES = '/api/1.0/ChargeStations/ChargestationTemplate';
const CONFIGURATIONS = '/api/1.0/chargestationconfigurations';
const EVENTS = '/api/1.0/events';
const WEBHOOKS = '/api/1.0/webhooks';

const location = (id: string) => ({ id, cpo_id: 'ACME', name: 'Depot', address: 'Kade 2', city: 'Utrecht', postal_code: '3511AA', country: 'NLD' });
const connector = { standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 };
const station = (id: string, extra: object = {}) => ({
  charge_station_id: id,
  location_id: 'LOC-C1',
  deploy_state: 'Production',
  default_charge_station_tariff_id: 'T-STD',
  charger_type: 'Public',
  evses: [{ connectors: [connector] }, { connectors: [{ ...connector, power_type: 'DC', standard: 'IEC_62196_T2_COMBO', format: 'CABLE', voltage: 920, amperage: 200 }] }],
  ...extra,
});
const template = (id: string) => ({
  template_id: id,
  name: `Template ${id}`,
  evse_templates: [{ evse_sequence_number: 1, capabilities: ['RFID_READER'], connector_templates: [{ id: 1, ...connector }] }],
});

describe(`OpenAPI contract: every response matches openapi/openapi.json (${dialect})`, () => {
  let server: TestServer;
  let write: string;
  let read: string;
  const http = () => contractChecked(server.http());
  const as = (token: string) => ({
    get: (path: string) => http().get(path).set(auth(token)),
    post: (path: string, body: object) => http().post(path).set(auth(token)).send(body),
    put: (path: string, body: object, etag?: string) => {
      const req = http().put(path).set(auth(token));
      if (etag) req.set('If-Match', etag);
      return req.send(body);
    },
    patch: (path: string, body: object, etag?: string) => {
      const req = http().patch(path).set(auth(token));
      if (etag) req.set('If-Match', etag);
      return req.send(body);
    },
  });

  beforeAll(async () => {
    server = await startFreshServer({ bodyLimitBytes: 64 * 1024, webhooksEnabled: false, webhookAllowHttp: true, webhookAllowPrivateTargets: true });
    write = await server.tenant('ACME');
    read = await server.token(['ACME'], 'read');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('health probes', async () => {
    await http().get('/health/live').expect(200);
    await http().get('/health/ready').expect(200);
  });

  it('locations: create, list, get, put with etag, patch, and their errors', async () => {
    const w = as(write);
    const created = (await w.post(LOCATIONS, location('LOC-C1')).expect(201)).body.data;
    await w.post(LOCATIONS, location('LOC-C1')).expect(409);
    await w.post(LOCATIONS, { ...location('LOC-BAD'), country: 'Netherlands' }).expect(400);
    await w.get(`${LOCATIONS}?date_from=2000-01-01T00:00:00Z&limit=1`).expect(200);
    await w.get(`${LOCATIONS}?limit=abc`).expect(400);
    await w.get(`${LOCATIONS}/LOC-C1`).expect(200);
    await w.get(`${LOCATIONS}/LOC-C1?excludeEvses=true`).expect(200);
    await w.get(`${LOCATIONS}/NOPE`).expect(404);

    await w.put(`${LOCATIONS}/LOC-C2`, location('LOC-C2')).expect(201);
    await w.put(`${LOCATIONS}/LOC-C1`, { ...location('LOC-C1'), name: 'Depot 2' }).expect(428);
    await w.put(`${LOCATIONS}/LOC-C1`, { ...location('LOC-C1'), name: 'Depot 2' }, '"stale"').expect(412);
    const replaced = await w.put(`${LOCATIONS}/LOC-C1`, { ...location('LOC-C1'), name: 'Depot 2' }, `"${created.etag}"`).expect(200);
    await w.patch(`${LOCATIONS}/LOC-C1`, { name: 'Depot 3' }, replaced.headers.etag).expect(200);
    await w.patch(`${LOCATIONS}/LOC-C1`, { name: 'Depot 4' }, '"stale"').expect(412);
    await w.patch(`${LOCATIONS}/NOPE`, { name: 'x' }).expect(404);
  });

  it('authentication, scope, media type and size errors', async () => {
    await http().get(LOCATIONS).expect(401);
    await http().get(LOCATIONS).set(auth('cs_unknown')).expect(401);
    await as(read).get(LOCATIONS).expect(200);
    await as(read).post(LOCATIONS, location('LOC-R')).expect(403);
    await http().post(LOCATIONS).set(auth(write)).set('Content-Type', 'text/plain').send('name=x').expect(415);
    await http().post(LOCATIONS).set(auth(write)).set('Content-Type', 'application/json').send('{"id": ').expect(400);
    await as(write).post(LOCATIONS, { ...location('LOC-BIG'), name: 'x'.repeat(70 * 1024) }).expect(413);
    await http().get('/api/1.0/NoSuchResource').set(auth(write)).expect(404);
  });

  it('templates, stations (manual and from a template), EVSEs, connectors, configuration', async () => {
    const w = as(write);
    await w.post(TEMPLATES, template('TPL-C1')).expect(201);
    await w.post(TEMPLATES, template('TPL-C1')).expect(409);
    await w.put(TEMPLATES, template('TPL-C2')).expect(201);
    await w.put(`${TEMPLATES}/TPL-C2`, { ...template('TPL-C2'), name: 'Renamed' }).expect(200);
    await w.get(TEMPLATES).expect(200);
    await w.get(`${TEMPLATES}/TPL-C1`).expect(200);
    await w.get(`${TEMPLATES}/NOPE`).expect(404);
    await w.post(TEMPLATES, { ...template('TPL-BAD'), evse_templates: 'none' }).expect(400);

    const fromTemplate = { ...station('CS-C2'), evses: undefined, charge_station_template_id: 'TPL-C1' };
    await w.post(STATIONS, fromTemplate).expect(201);
    const created = (await w.post(STATIONS, station('CS-C1')).expect(201)).body.data;
    await w.post(STATIONS, station('CS-C1')).expect(409);
    await w.post(STATIONS, station('CS-C3', { location_id: 'NOPE' })).expect(404);
    await w.post(STATIONS, station('CS-C4', { deploy_state: 'Sideways' })).expect(400);
    await w.get(`${STATIONS}?date_from=2000-01-01T00:00:00Z&limit=1`).expect(200);
    await w.get(`${STATIONS}?location_id=LOC-C1&exclude_evses_modified=true`).expect(200);
    await w.get(`${STATIONS}/CS-C1`).expect(200);
    await w.get(`${STATIONS}/NOPE`).expect(404);

    await w.put(`${STATIONS}/CS-C1`, station('CS-C1', { charger_type: 'Business' })).expect(428);
    await w.put(`${STATIONS}/CS-C1`, station('CS-C1', { charger_type: 'Business' }), '"stale"').expect(412);
    const put = await w.put(`${STATIONS}/CS-C1`, { ...created, charger_type: 'Business' }, `"${created.etag}"`).expect(200);
    await w.put(`${STATIONS}/CS-C5`, station('CS-C5')).expect(201);
    const patched = await w.patch(`${STATIONS}/CS-C1`, { deploy_state: 'Stock' }, put.headers.etag).expect(200);
    await w.patch(`${STATIONS}/CS-C1`, { deploy_state: 'Stock' }, '"stale"').expect(412);

    const evses = (await w.get(`${STATIONS}/CS-C1/evses`).expect(200)).body.data;
    const uid = evses[0].uid as string;
    await w.get(`${STATIONS}/CS-C1/evses/${uid}`).expect(200);
    await w.get(`${STATIONS}/CS-C1/evses/NOPE`).expect(404);
    await w.patch(`${STATIONS}/CS-C1/evses/${uid}`, { status: 'CHARGING' }).expect(200);
    await w.patch(`${STATIONS}/CS-C1/evses/${uid}`, { status: 'NAPPING' }).expect(400);
    const evsePut = await w.put(`${STATIONS}/CS-C1/evses/${uid}`, { ...evses[0], physical_reference: 'Left' }, patched.headers.etag).expect(200);
    await w.put(`${STATIONS}/CS-C1/evses/${uid}`, { ...evses[0], physical_reference: 'Right' }, '"stale"').expect(412);
    const connectorId = evses[0].connectors[0].id as string;
    await w.get(`${STATIONS}/CS-C1/evses/${uid}/connectors/${connectorId}`).expect(200);
    await w.get(`${STATIONS}/CS-C1/evses/${uid}/connectors/99`).expect(404);
    await w.patch(`${STATIONS}/CS-C1/evses/${uid}/connectors/${connectorId}`, { amperage: 16 }, evsePut.headers.etag).expect(200);

    await w.get(`${CONFIGURATIONS}/CS-C1`).expect(200);
    await w.get(`${CONFIGURATIONS}/CS-C1`).set('Accept', 'text/csv').expect(200);
    await w.get(`${CONFIGURATIONS}/NOPE`).expect(404);
  });

  it('events and webhooks: the feed, one event, endpoints, rotation, test, replay, deliveries', async () => {
    const w = as(write);
    await server.app.get(EventPublisher).publishNow();
    const events = (await w.get(`${EVENTS}?limit=2`).expect(200)).body.data;
    expect(events.length).toBeGreaterThan(0);
    await w.get(`${EVENTS}?types=charge_station.created,evse.status_changed`).expect(200);
    await w.get(`${EVENTS}?types=nonsense`).expect(400);
    await w.get(`${EVENTS}/${events[0].id}`).expect(200);
    await w.get(`${EVENTS}/evt_NOPE`).expect(404);
    const endpoint = (await w.post(WEBHOOKS, { url: 'http://127.0.0.1:9/contract', event_types: ['*'], description: 'contract' }).expect(201)).body.data;
    await w.post(WEBHOOKS, { url: 'http://127.0.0.1:9/contract', event_types: ['nonsense'] }).expect(400);
    await w.get(WEBHOOKS).expect(200);
    await w.get(`${WEBHOOKS}/${endpoint.id}`).expect(200);
    await w.get(`${WEBHOOKS}/00000000-0000-4000-8000-000000000000`).expect(404);
    await w.patch(`${WEBHOOKS}/${endpoint.id}`, { enabled: false }).expect(200);
    await http().post(`${WEBHOOKS}/${endpoint.id}/rotate-secret`).set(auth(write)).expect(200);
    await http().post(`${WEBHOOKS}/${endpoint.id}/test`).set(auth(write)).expect(202);
    await w.post(`${WEBHOOKS}/${endpoint.id}/replay`, { since: '2026-01-01T00:00:00Z' }).expect(202);
    await w.post(`${WEBHOOKS}/${endpoint.id}/replay`, { since: 'yesterday' }).expect(400);
    await w.get(`${WEBHOOKS}/${endpoint.id}/deliveries?status=failed&limit=5`).expect(200);
    await http().delete(`${WEBHOOKS}/${endpoint.id}`).set(auth(write)).expect(200);
    await http().delete(`${WEBHOOKS}/${endpoint.id}`).set(auth(write)).expect(404);
  });

  it('the checker itself rejects an undocumented field', async () => {
    const res = await server.http().get('/health/live').expect(200);
    expect(contractViolations(res)).toEqual([]);
    res.body = { ...res.body, surprise: true };
    expect(contractViolations(res).join('\n')).toMatch(/surprise/);
  });

  it('exercised every documented operation', () => {
    const called = new Set([...exercised].map((key) => key.split(' ')[0]));
    expect(documentedOperationIds.filter((id) => !called.has(id))).toEqual([]);
  });
});
