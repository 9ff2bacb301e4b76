/**
 * The main flow through the generated client only (openapi/client: openapi-typescript types +
 * openapi-fetch): what a partner's SDK does, proving the committed document is usable as is.
 */
import { createClient, type ChargeStationsClient, type components } from '../../openapi/client/index.js';
import { dialect, startFreshServer, type TestServer } from '../support/server.js';

type Station = components['schemas']['ChargeStationDto'];

describe(`Generated TypeScript client: the main flow (${dialect})`, () => {
  let server: TestServer;
  let api: ChargeStationsClient;

  beforeAll(async () => {
    server = await startFreshServer();
    api = createClient({ baseUrl: server.url, token: await server.tenant('ACME') });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('location → template → station from template → EVSE patch → PUT with etag → list with date_from', async () => {
    const startedAt = new Date(Date.now() - 1000).toISOString();

    const location = await api.POST('/api/2.0/Locations', {
      body: { id: 'SDK-LOC-1', cpo_id: 'ACME', name: 'Depot', address: 'Kade 2', city: 'Utrecht', postal_code: '3511AA', country: 'NLD' },
    });
    expect(location.response.status).toBe(201);
    expect(location.data?.data.id).toBe('SDK-LOC-1');

    const template = await api.POST('/api/1.0/ChargeStations/ChargestationTemplate', {
      body: {
        template_id: 'SDK-TPL',
        name: 'Two AC sockets',
        evse_templates: [1, 2].map((n) => ({
          evse_sequence_number: n,
          capabilities: ['RFID_READER' as const],
          connector_templates: [{ id: n, standard: 'IEC_62196_T2' as const, format: 'SOCKET' as const, power_type: 'AC_3_PHASE' as const, voltage: 230, amperage: 32 }],
        })),
      },
    });
    expect(template.response.status).toBe(201);

    const created = await api.POST('/api/1.0/ChargeStations', {
      body: {
        charge_station_id: 'SDK-CS-1',
        location_id: 'SDK-LOC-1',
        deploy_state: 'Production',
        default_charge_station_tariff_id: 'T-STD',
        charger_type: 'Public',
        charge_station_template_id: 'SDK-TPL',
      },
    });
    expect(created.response.status).toBe(201);
    const station = created.data?.data as Station;
    expect(station.evses).toHaveLength(2);

    const uid = station.evses[0].uid;
    const patched = await api.PATCH('/api/1.0/ChargeStations/{chargeStationId}/evses/{uid}', {
      params: { path: { chargeStationId: 'SDK-CS-1', uid } },
      body: { status: 'CHARGING' },
    });
    expect(patched.response.status).toBe(200);
    expect(patched.data?.data.status).toBe('CHARGING');

    const current = await api.GET('/api/1.0/ChargeStations/{chargeStationId}', { params: { path: { chargeStationId: 'SDK-CS-1' } } });
    const etag = current.response.headers.get('etag') as string;
    expect(etag).toBeTruthy();
    // A PUT sends either evses or charge_station_template_id: the station now has its own EVSEs.
    const { etag: _etag, charge_station_template_id: _template, ...replacement } = current.data?.data as Station;
    const put = await api.PUT('/api/1.0/ChargeStations/{chargeStationId}', {
      params: { path: { chargeStationId: 'SDK-CS-1' }, header: { 'If-Match': etag } },
      body: { ...replacement, charger_type: 'Business' } as components['schemas']['ChargeStationWriteDto'],
    });
    expect([put.response.status, put.error]).toEqual([200, undefined]);
    expect(put.data?.data.charger_type).toBe('Business');
    expect(put.response.headers.get('etag')).not.toBe(etag);

    const stale = await api.PUT('/api/1.0/ChargeStations/{chargeStationId}', {
      params: { path: { chargeStationId: 'SDK-CS-1' }, header: { 'If-Match': etag } },
      body: { ...replacement, charger_type: 'Home' } as components['schemas']['ChargeStationWriteDto'],
    });
    expect(stale.response.status).toBe(412);
    expect(stale.error?.status_code).toBe(2000);

    const list = await api.GET('/api/1.0/ChargeStations', { params: { query: { date_from: startedAt, limit: 10 } } });
    expect(list.response.status).toBe(200);
    expect(list.response.headers.get('x-total-count')).toBe('1');
    expect(list.data?.data.map((s) => s.charge_station_id)).toEqual(['SDK-CS-1']);

    const later = await api.GET('/api/1.0/ChargeStations', { params: { query: { date_from: new Date(Date.now() + 60_000).toISOString() } } });
    expect(later.data?.data).toEqual([]);
  });
});
