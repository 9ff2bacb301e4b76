import { auth, dialect, startFreshServer, tableFingerprint, type TestServer } from './support/server.js';

const TEMPLATES = '/api/1.0/ChargeStations/ChargestationTemplate';
const STATIONS = '/api/1.0/ChargeStations';

const acConnector = (id: number) => ({ id, standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 });
const dcConnector = (id: number) => ({ id, standard: 'IEC_62196_T2_COMBO', format: 'CABLE', power_type: 'DC', voltage: 920, amperage: 200, max_electric_power: 150000 });

function templateBody(id: string, evses = 2) {
  return {
    template_id: id,
    name: `Template ${id}`,
    evse_templates: Array.from({ length: evses }, (_, i) => ({
      evse_sequence_number: i + 1,
      capabilities: ['RFID_READER'],
      connector_templates: [acConnector(i + 1)],
    })),
  };
}

function stationFromTemplate(id: string, templateId: string) {
  return {
    charge_station_id: id,
    location_id: 'LOC-T',
    deploy_state: 'Production',
    default_charge_station_tariff_id: 'T-STD',
    charger_type: 'Public',
    charge_station_template_id: templateId,
  };
}

describe(`Hardware templates and stations built from them (${dialect})`, () => {
  let server: TestServer;
  let acme: string;
  let other: string;

  beforeAll(async () => {
    server = await startFreshServer();
    acme = await server.tenant('ACME');
    other = await server.tenant('OTHER');
    const location = { cpo_id: 'ACME', id: 'LOC-T', name: 'L', address: 'A', city: 'Amsterdam', postal_code: '1000AA', country: 'NLD' };
    await server.http().post('/api/2.0/Locations').set(auth(acme)).send(location).expect(201);
  });

  afterAll(async () => {
    await server?.close();
  });

  const as = (token: string) => ({
    get: (path: string) => server.http().get(path).set(auth(token)),
    post: (path: string, body: object) => server.http().post(path).set(auth(token)).send(body),
    put: (path: string, body: object, etag?: string) => {
      const req = server.http().put(path).set(auth(token));
      if (etag) req.set('If-Match', etag);
      return req.send(body);
    },
    patch: (path: string, body: object) => server.http().patch(path).set(auth(token)).send(body),
  });
  const a = () => as(acme);

  it('runs the lifecycle: template → station from it → template edited → station unchanged → a second station has the new structure', async () => {
    const created = await a().post(TEMPLATES, templateBody('TPL-1')).expect(201);
    expect(created.body.data).toMatchObject({ template_id: 'TPL-1', tenant_id: 'ACME', name: 'Template TPL-1' });
    expect(created.body.data.evse_templates[0].connector_templates[0]).toEqual({ ...acConnector(1), max_electric_power: null });
    expect((await a().get(`${TEMPLATES}/tpl-1`).expect(200)).body.data).toEqual(created.body.data);
    expect((await a().get(TEMPLATES).expect(200)).body.data.map((t: { template_id: string }) => t.template_id)).toContain('TPL-1');

    const first = (await a().post(STATIONS, stationFromTemplate('TS-1', 'TPL-1')).expect(201)).body.data;
    expect(first.charge_station_template_id).toBe('TPL-1');
    const party = (await server.dataSource.query(`SELECT party_id FROM cpos WHERE cpo_id = 'ACME'`))[0].party_id;
    expect(first.evses.map((e: { uid: string; evse_id: string; evse_sequence_number: number }) => [e.uid, e.evse_id, e.evse_sequence_number])).toEqual([
      [`NL-${party}-ETS-1-1`, `NL*${party}*ETS1*1`, 1],
      [`NL-${party}-ETS-1-2`, `NL*${party}*ETS1*2`, 2],
    ]);
    expect(first.evses[1].connectors[0]).toMatchObject({ id: '2', connector_type: 'Mennekes_Socket', standard: 'IEC_62196_T2' });
    expect(first.evses[0].capabilities).toEqual(['RFID_READER']);

    const edited = { ...templateBody('TPL-1', 3), name: 'Three-headed' };
    edited.evse_templates[2].connector_templates = [dcConnector(3)];
    const replaced = await a().put(`${TEMPLATES}/TPL-1`, edited).expect(200);
    expect(replaced.body.data.evse_templates).toHaveLength(3);
    expect(replaced.body.data.created).toBe(created.body.data.created);

    expect((await a().get(`${STATIONS}/TS-1`).expect(200)).body.data).toEqual(first);

    const second = (await a().post(STATIONS, stationFromTemplate('TS-2', 'TPL-1')).expect(201)).body.data;
    expect(second.evses).toHaveLength(3);
    expect(second.evses[2].connectors[0]).toMatchObject({ id: '3', power_type: 'DC', connector_type: 'CCS2_Cable' });
    expect(second.charging_speed).toBe('Mix_AC_DC');
  });

  it('a PUT switching to another template rebuilds the EVSEs; surviving sequence numbers keep directions and parking restrictions', async () => {
    await a().post(TEMPLATES, templateBody('TPL-A', 2)).expect(201);
    const dc = templateBody('TPL-B', 1);
    dc.evse_templates[0].connector_templates = [dcConnector(1), dcConnector(2)];
    await a().put(TEMPLATES, dc).expect(201);

    const station = (await a().post(STATIONS, stationFromTemplate('SWITCH-1', 'TPL-A')).expect(201)).body.data;
    const [one, two] = station.evses;
    const site = { directions: [{ language: 'en', text: 'Near the lift' }], parking_restrictions: ['EV_ONLY'] };
    const patched = await a().patch(`${STATIONS}/SWITCH-1/evses/${one.uid}`, site).expect(200);
    const etag = patched.headers.etag;
    await a().patch(`${STATIONS}/SWITCH-1/evses/${one.uid}`, { status: 'AVAILABLE' }).expect(200);

    await a().put(`${STATIONS}/SWITCH-1`, stationFromTemplate('SWITCH-1', 'TPL-B')).expect(428);
    const switched = await a().put(`${STATIONS}/SWITCH-1`, stationFromTemplate('SWITCH-1', 'TPL-B'), etag).expect(200);
    const evses = switched.body.data.evses;
    expect(switched.body.data.charge_station_template_id).toBe('TPL-B');
    expect(switched.body.data.etag).not.toBe(etag.replace(/"/g, ''));
    const kept = evses.find((e: { uid: string }) => e.uid === one.uid);
    expect(kept).toMatchObject({ evse_sequence_number: 1, status: 'AVAILABLE', ...site });
    expect(kept.connectors.map((c: { id: string; power_type: string }) => [c.id, c.power_type])).toEqual([
      ['1', 'DC'],
      ['2', 'DC'],
    ]);
    expect(evses.find((e: { uid: string }) => e.uid === two.uid).status).toBe('REMOVED');
    expect(switched.body.data.charging_speed).toBe('Rapid');

    await a().put(`${STATIONS}/SWITCH-1`, stationFromTemplate('SWITCH-1', 'TPL-B'), etag).expect(412);
    const same = await a().put(`${STATIONS}/SWITCH-1`, stationFromTemplate('SWITCH-1', 'TPL-B'), switched.headers.etag).expect(200);
    expect(same.body.data.etag).toBe(switched.body.data.etag);
  });

  it('a station built from a template survives GET → edit → PUT verbatim (evses win, the template id stays)', async () => {
    await a().post(TEMPLATES, templateBody('TPL-ROUND', 2)).expect(201);
    const station = (await a().post(STATIONS, stationFromTemplate('ROUND-1', 'TPL-ROUND')).expect(201)).body.data;
    const edited = { ...station, name: 'Edited', evses: [{ ...station.evses[0], physical_reference: 'Bay 1' }, station.evses[1]] };
    const put = await a().put(`${STATIONS}/ROUND-1`, edited, station.etag).expect(200);
    expect(put.body.data).toMatchObject({ name: 'Edited', charge_station_template_id: 'TPL-ROUND' });
    expect(put.body.data.evses[0].physical_reference).toBe('Bay 1');
    const other = await a().put(`${STATIONS}/ROUND-1`, { ...put.body.data, charge_station_template_id: 'TPL-1' }, put.body.data.etag).expect(400);
    expect(other.body.errors[0].field).toBe('charge_station_template_id');
  });

  it('refuses bad templates with field paths and writes nothing', async () => {
    const before = await tableFingerprint(server.dataSource, 'hardware_templates');
    const cases: [object, string][] = [
      [{ ...templateBody('BAD-1'), evse_templates: [{ connector_templates: [{ ...acConnector(1), power_type: 'DC' }] }] }, 'evse_templates[0].connector_templates[0].power_type'],
      [{ ...templateBody('BAD-2'), evse_templates: [{ connector_templates: [acConnector(1), { ...acConnector(2), format: 'CABLE', standard: 'IEC_62196_T1', voltage: 0 }] }] }, 'evse_templates[0].connector_templates[1].voltage'],
      [{ ...templateBody('BAD-3'), evse_templates: [{ connector_templates: [acConnector(1)] }, { connector_templates: [acConnector(1)] }] }, 'evse_templates[1].connector_templates[0].id'],
      [{ ...templateBody('BAD-4'), evse_templates: [] }, 'evse_templates'],
      [{ ...templateBody('BAD-5'), name: undefined }, 'name'],
      [{ ...templateBody('BAD-6'), directions: [] }, 'directions'],
      [{ ...templateBody('BAD-7'), evse_templates: [{ parking_restrictions: ['EV_ONLY'], connector_templates: [acConnector(1)] }] }, 'evse_templates[0].parking_restrictions'],
      [{ ...templateBody('BAD-8'), tenant_id: 'OTHER' }, 'tenant_id'],
    ];
    for (const [body, field] of cases) {
      const res = await a().post(TEMPLATES, body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    await a().post(TEMPLATES, templateBody('TPL-1')).expect(409);
    expect(await tableFingerprint(server.dataSource, 'hardware_templates')).toBe(before);
  });

  it('a token with several CPOs must name the tenant (tenant_id or cpsoIds header)', async () => {
    const both = await server.token(['ACME', 'OTHER'], 'write');
    const res = await as(both).post(TEMPLATES, templateBody('MULTI-1')).expect(400);
    expect(res.body.errors[0].field).toBe('tenant_id');
    const viaHeader = await server.http().post(TEMPLATES).set(auth(both)).set('cpsoIds', 'OTHER').send(templateBody('MULTI-1')).expect(201);
    expect(viaHeader.body.data.tenant_id).toBe('OTHER');
    const viaBody = await as(both).post(TEMPLATES, { ...templateBody('MULTI-2'), tenant_id: 'ACME' }).expect(201);
    expect(viaBody.body.data.tenant_id).toBe('ACME');
    const changeTenant = await as(both).put(`${TEMPLATES}/MULTI-2`, { ...templateBody('MULTI-2'), tenant_id: 'OTHER' }).expect(400);
    expect(changeTenant.body.errors[0].field).toBe('tenant_id');
  });

  it('templates of CPO A are invisible to CPO B, and B cannot build a station from one', async () => {
    await as(other).get(`${TEMPLATES}/TPL-1`).expect(404);
    const list = await as(other).get(TEMPLATES).expect(200);
    expect(list.body.data.map((t: { tenant_id: string }) => t.tenant_id)).not.toContain('ACME');
    await as(other).put(`${TEMPLATES}/TPL-1`, templateBody('TPL-1')).expect(409);
    const location = { cpo_id: 'OTHER', id: 'LOC-O', name: 'L', address: 'A', city: 'Berlin', postal_code: '10115', country: 'DEU' };
    await as(other).post('/api/2.0/Locations', location).expect(201);
    const station = await as(other).post(STATIONS, { ...stationFromTemplate('B-1', 'TPL-1'), location_id: 'LOC-O' }).expect(404);
    expect(station.body.status_code).toBe(2000);
    expect(station.body.errors).toEqual([expect.objectContaining({ field: 'charge_station_template_id' })]);
    const read = await server.token(['ACME'], 'read');
    await as(read).post(TEMPLATES, templateBody('RO-1')).expect(403);
    await as(read).get(`${TEMPLATES}/TPL-1`).expect(200);
  });
});
