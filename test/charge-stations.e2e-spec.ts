import { randomUUID } from 'node:crypto';
import { auth, countQueries, dialect, startFreshServer, type TestServer } from './support/server.js';

const STATIONS = '/api/1.0/ChargeStations';

const ac = (id?: string) => ({ ...(id ? { id } : {}), standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 });
const dc = (id?: string) => ({
  ...(id ? { id } : {}),
  standard: 'IEC_62196_T2_COMBO',
  format: 'CABLE',
  power_type: 'DC',
  voltage: 920,
  amperage: 200,
  max_electric_power: 150000,
});

function stationBody(id: string, overrides: Record<string, unknown> = {}) {
  return {
    charge_station_id: id,
    location_id: 'LOC-1',
    deploy_state: 'Production',
    default_charge_station_tariff_id: 'T-STD',
    charger_type: 'Public',
    name: `Station ${id}`,
    evses: [
      { evse_id: `NL*ACM*E${id.replace(/[^A-Z0-9]/gi, '').toUpperCase()}*1`, connectors: [ac(), ac()] },
      { connectors: [dc(), dc()] },
    ],
    ...overrides,
  };
}

describe(`Charge stations, EVSEs and connectors (${dialect})`, () => {
  let server: TestServer;
  let acme: string;

  beforeAll(async () => {
    server = await startFreshServer();
    acme = await server.tenant('ACME');
    const location = { cpo_id: 'ACME', name: 'L', address: 'A', city: 'Amsterdam', postal_code: '1000AA', country: 'NLD' };
    await server.http().post('/api/2.0/Locations').set(auth(acme)).send({ ...location, id: 'LOC-1' }).expect(201);
    await server.http().post('/api/2.0/Locations').set(auth(acme)).send({ ...location, id: 'LOC-2' }).expect(201);
  });

  afterAll(async () => {
    await server?.close();
  });

  const get = (path: string) => server.http().get(path).set(auth(acme));
  const put = (id: string, body: object, etag?: string) => {
    const req = server.http().put(`${STATIONS}/${id}`).set(auth(acme));
    if (etag) req.set('If-Match', `"${etag}"`);
    return req.send(body);
  };

  it('runs the lifecycle with manual EVSEs: POST → GET → list → PUT dropping an EVSE → PATCH → EVSE PATCH → connector PATCH', async () => {
    const created = await server.http().post(STATIONS).set(auth(acme)).send(stationBody('LIFE-1')).expect(201);
    const station = created.body.data;
    expect(created.headers.etag).toBe(`"${station.etag}"`);
    expect(station).toMatchObject({
      charge_station_id: 'LIFE-1',
      status: 'UNKNOWN',
      connectivity_status: 'Offline',
      charging_speed: 'Mix_AC_DC',
      heartbeat_interval: 300,
      remote_manageable: false,
      protocol_version: null,
      created_by: 'Not Provided',
    });
    expect(station.evses).toHaveLength(2);
    expect(station.evses.map((e: { uid: string }) => e.uid)).toEqual([`NL-${(await cpoParty())}-ELIFE-1-1`, `NL-${await cpoParty()}-ELIFE-1-2`]);
    expect(station.evses.map((e: { evse_sequence_number: number }) => e.evse_sequence_number)).toEqual([1, 2]);
    expect(station.evses.flatMap((e: { connectors: { id: string }[] }) => e.connectors.map((c) => c.id))).toEqual(['1', '2', '3', '4']);
    expect(station.evses[0].connectors[0]).toMatchObject({ connector_type: 'Mennekes_Socket' });
    expect(station.evses[1].connectors[0]).toMatchObject({ connector_type: 'CCS2_Cable' });

    const fetched = await get(`${STATIONS}/life-1`).expect(200);
    expect(fetched.body.data).toEqual(station);

    const listed = await get(`${STATIONS}?location_id=LOC-1`).expect(200);
    expect(listed.body.data.map((s: { charge_station_id: string }) => s.charge_station_id)).toContain('LIFE-1');
    expect((await get(`${STATIONS}?location_id=LOC-2`).expect(200)).body.data).toEqual([]);

    const dropped = await put('LIFE-1', { ...station, evses: [station.evses[0]] }, station.etag).expect(200);
    expect(dropped.body.data.etag).not.toBe(station.etag);
    expect(dropped.body.data.evses.map((e: { uid: string; status: string }) => [e.uid, e.status])).toEqual([
      [station.evses[0].uid, 'UNKNOWN'],
      [station.evses[1].uid, 'REMOVED'],
    ]);
    expect(dropped.body.data.charging_speed).toBe('Slow');

    const patched = await server.http().patch(`${STATIONS}/LIFE-1`).set(auth(acme)).send({ name: 'Renamed', tap_to_stop: true }).expect(200);
    expect(patched.body.data).toMatchObject({ name: 'Renamed', tap_to_stop: true });
    expect(patched.body.data.modified).not.toBe(station.modified);

    const uid = station.evses[0].uid;
    const evsePatch = await server
      .http()
      .patch(`${STATIONS}/LIFE-1/evses/${uid}`)
      .set(auth(acme))
      .send({ directions: [{ language: 'en', text: 'Left of the door' }], parking_restrictions: ['EV_ONLY', 'CUSTOMERS'] })
      .expect(200);
    expect(evsePatch.body.data).toMatchObject({
      uid,
      directions: [{ language: 'en', text: 'Left of the door' }],
      parking_restrictions: ['EV_ONLY', 'CUSTOMERS'],
    });
    expect(evsePatch.headers.etag).not.toBe(`"${patched.body.data.etag}"`);

    const connectorPatch = await server
      .http()
      .patch(`${STATIONS}/LIFE-1/evses/${uid}/connectors/2`)
      .set(auth(acme))
      .send({ tariff_id: 'T-FAST' })
      .expect(200);
    expect(connectorPatch.body.data).toMatchObject({ id: '2', tariff_id: 'T-FAST', standard: 'IEC_62196_T2' });

    const final = (await get(`${STATIONS}/LIFE-1`).expect(200)).body.data;
    expect(final.etag).toBe(connectorPatch.headers.etag.replace(/"/g, ''));
    expect(final.evses[0].connectors.find((c: { id: string }) => c.id === '2').tariff_id).toBe('T-FAST');
    expect(final.evses[0].directions).toEqual([{ language: 'en', text: 'Left of the door' }]);
    expect((await get(`${STATIONS}/LIFE-1/evses`).expect(200)).body.data).toEqual(final.evses);
    expect((await get(`${STATIONS}/LIFE-1/evses/${uid}/connectors/2`).expect(200)).body.data).toEqual(final.evses[0].connectors[1]);
  });

  async function cpoParty(): Promise<string> {
    const rows = await server.dataSource.query(`SELECT party_id FROM cpos WHERE cpo_id = 'ACME'`);
    return rows[0].party_id;
  }

  it('an EVSE status PATCH leaves the station etag and last_updated alone, and a PUT never overwrites live statuses', async () => {
    const station = (await server.http().post(STATIONS).set(auth(acme)).send(stationBody('STATUS-1')).expect(201)).body.data;
    const uid = station.evses[1].uid;
    const patched = await server.http().patch(`${STATIONS}/STATUS-1/evses/${uid}`).set(auth(acme)).send({ status: 'CHARGING' }).expect(200);
    expect(patched.body.data.status).toBe('CHARGING');
    expect(patched.body.data.last_updated >= station.evses[1].last_updated).toBe(true);
    expect(patched.headers.etag).toBe(`"${station.etag}"`);

    const after = (await get(`${STATIONS}/STATUS-1`).expect(200)).body.data;
    expect(after).toMatchObject({ etag: station.etag, last_updated: station.last_updated, modified: station.modified, status: 'CHARGING' });

    // The client still holds the old body (status UNKNOWN) and the old etag: its PUT succeeds and keeps CHARGING.
    const replaced = await put('STATUS-1', { ...station, name: 'New name' }, station.etag).expect(200);
    expect(replaced.body.data.name).toBe('New name');
    expect(replaced.body.data.evses[1].status).toBe('CHARGING');
    expect(replaced.body.data.status).toBe('CHARGING');
  });

  it('a PUT identical to the stored station changes neither etag nor last_updated', async () => {
    const station = (await server.http().post(STATIONS).set(auth(acme)).send(stationBody('SAME-1')).expect(201)).body.data;
    const same = await put('SAME-1', station, station.etag).expect(200);
    expect(same.body.data).toEqual(station);
    const shuffled = { ...station, evses: [...station.evses].reverse() };
    const stillSame = await put('SAME-1', shuffled, station.etag).expect(200);
    expect(stillSame.body.data.etag).toBe(station.etag);
  });

  it('PUT etag rules: 428 without, 412 stale, and EVSE PUT needs the station etag and returns the new one', async () => {
    const station = (await server.http().post(STATIONS).set(auth(acme)).send(stationBody('ETAG-1')).expect(201)).body.data;
    await put('ETAG-1', { ...station, etag: undefined, name: 'x' }).expect(428);
    const stale = await put('ETAG-1', { ...station, etag: undefined, name: 'x' }, randomUUID()).expect(412);
    expect(stale.headers.etag).toBe(`"${station.etag}"`);
    const evse = { connectors: [ac('9')], directions: [{ language: 'nl', text: 'Achter' }] };
    await server.http().put(`${STATIONS}/ETAG-1/evses/NEW-EVSE`).set(auth(acme)).send(evse).expect(428);
    const added = await server.http().put(`${STATIONS}/ETAG-1/evses/NEW-EVSE`).set(auth(acme)).set('If-Match', station.etag).send(evse).expect(201);
    expect(added.body.data).toMatchObject({ uid: 'NEW-EVSE', evse_sequence_number: 3, status: 'UNKNOWN' });
    const newEtag = added.headers.etag.replace(/"/g, '');
    expect(newEtag).not.toBe(station.etag);
    const current = (await get(`${STATIONS}/ETAG-1`).expect(200)).body.data;
    expect(current.etag).toBe(newEtag);
    expect(current.evses).toHaveLength(3);
    await server.http().put(`${STATIONS}/ETAG-1/evses/NEW-EVSE`).set(auth(acme)).set('If-Match', station.etag).send(evse).expect(412);
  });

  it('EVSE definition changes move last_updated but not modified; exclude_evses_modified filters on modified', async () => {
    const station = (await server.http().post(STATIONS).set(auth(acme)).send(stationBody('FEED-1')).expect(201)).body.data;
    await new Promise((r) => setTimeout(r, 5));
    const changed = await server
      .http()
      .patch(`${STATIONS}/FEED-1/evses/${station.evses[0].uid}`)
      .set(auth(acme))
      .send({ physical_reference: 'Bay 7' })
      .expect(200);
    const after = (await get(`${STATIONS}/FEED-1`).expect(200)).body.data;
    expect(after.etag).toBe(changed.headers.etag.replace(/"/g, ''));
    expect(after.etag).not.toBe(station.etag);
    expect(after.last_updated > station.last_updated).toBe(true);
    expect(after.modified).toBe(station.modified);

    const since = encodeURIComponent(after.last_updated);
    const byLastUpdated = (await get(`${STATIONS}?date_from=${since}`).expect(200)).body.data.map((s: { charge_station_id: string }) => s.charge_station_id);
    expect(byLastUpdated).toContain('FEED-1');
    const byModified = (await get(`${STATIONS}?date_from=${since}&exclude_evses_modified=true`).expect(200)).body.data.map(
      (s: { charge_station_id: string }) => s.charge_station_id,
    );
    expect(byModified).not.toContain('FEED-1');
  });

  it('GET one station costs the same number of SQL statements for 1 EVSE as for 12', async () => {
    await server.http().post(STATIONS).set(auth(acme)).send(stationBody('SMALL-1', { evses: [{ connectors: [ac()] }] })).expect(201);
    const many = Array.from({ length: 12 }, () => ({ connectors: [ac(), dc()] }));
    await server.http().post(STATIONS).set(auth(acme)).send(stationBody('LARGE-1', { evses: many })).expect(201);
    const small = await countQueries(server.dataSource, () => get(`${STATIONS}/SMALL-1`).expect(200));
    const large = await countQueries(server.dataSource, () => get(`${STATIONS}/LARGE-1`).expect(200));
    expect(large).toBe(small);
    expect(small).toBe(1); // the station's document, configuration and EVSE statuses in one JOIN, the token's rows joined first
    const missing = await countQueries(server.dataSource, () => get(`${STATIONS}/NOPE-1`).expect(404));
    expect(missing).toBe(2); // the same statement, then the token alone: 401 or 404
    const page = await countQueries(server.dataSource, () => get(`${STATIONS}?limit=100`).expect(200));
    const onePage = await countQueries(server.dataSource, () => get(`${STATIONS}?limit=1`).expect(200));
    expect(page).toBe(onePage);
    expect(page).toBe(4); // the token, the count (first page only), the page's keys, its stations' documents with their configurations and EVSE statuses
  });

  it('PUT and PATCH with an etag cost the same number of SQL statements for 1 EVSE as for 12, and answer what GET then shows', async () => {
    const many = Array.from({ length: 12 }, () => ({ connectors: [ac(), dc()] }));
    await server.http().post(STATIONS).set(auth(acme)).send(stationBody('PUT-SMALL', { evses: [{ connectors: [ac()] }] })).expect(201);
    await server.http().post(STATIONS).set(auth(acme)).send(stationBody('PUT-LARGE', { evses: many })).expect(201);
    const putCount = async (id: string, name: string) => {
      const current = (await get(`${STATIONS}/${id}`).expect(200)).body.data;
      let answer: Record<string, unknown> = {};
      const count = await countQueries(server.dataSource, async () => {
        answer = (await server.http().put(`${STATIONS}/${id}`).set(auth(acme)).set('If-Match', `"${current.etag}"`).send({ ...current, name }).expect(200)).body.data;
      });
      expect(answer).toEqual((await get(`${STATIONS}/${id}`).expect(200)).body.data);
      expect(answer.name).toBe(name);
      return count;
    };
    const small = await putCount('PUT-SMALL', 'renamed small');
    const large = await putCount('PUT-LARGE', 'renamed large');
    expect(large).toBe(small);
    // The token, the station with everything; then one transaction: the conditional UPDATE, the
    // station's document, its change event (SPEC §10: in the transaction of the change).
    expect(small).toBe(7);
    const patchCount = async (id: string) => {
      const { etag } = (await get(`${STATIONS}/${id}`).expect(200)).body.data;
      return countQueries(server.dataSource, () => server.http().patch(`${STATIONS}/${id}`).set(auth(acme)).set('If-Match', `"${etag}"`).send({ name: 'patched' }).expect(200));
    };
    expect(await patchCount('PUT-LARGE')).toBe(await patchCount('PUT-SMALL'));
  });

  it('concurrent PUTs with If-Match: * on an id nobody holds: one creates (201), the others replace it (200), none gets 409', async () => {
    // (On MariaDB, without the retry, some of these lose the insert race and get 409.)
    const bodies = Array.from({ length: 12 }, (_, i) => stationBody('RACE-CREATE-1', { name: `writer ${i}`, evses: [{ uid: `RC-${i}`, connectors: [ac()] }] }));
    const answers = await Promise.all(
      bodies.map((body) => server.http().put(`${STATIONS}/RACE-CREATE-1`).set(auth(acme)).set('If-Match', '*').send(body)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array<number>(11).fill(200), 201]);
    const stored = (await get(`${STATIONS}/RACE-CREATE-1`).expect(200)).body.data;
    const writer = Number(String(stored.name).split(' ')[1]);
    expect(stored.evses.filter((e: { status: string }) => e.status !== 'REMOVED').map((e: { uid: string }) => e.uid)).toEqual([`RC-${writer}`]);
  });

  it('concurrent EVSE and connector PATCHes without If-Match, each of another field of one EVSE: every one lands, none undoes another', async () => {
    await server.http().post(STATIONS).set(auth(acme)).send(stationBody('MERGE-1', { evses: [{ uid: 'MERGE-E1', connectors: [ac('1'), ac('2')] }] })).expect(201);
    const evse = `${STATIONS}/MERGE-1/evses/MERGE-E1`;
    // Each PATCH rewrites the EVSE's whole definition; worked out from a read another PATCH has since
    // changed, and written without a check, it would put that PATCH's field back.
    const changes: [path: string, body: Record<string, unknown>][] = [
      [evse, { physical_reference: 'Bay 7' }],
      [evse, { floor_level: '-1' }],
      [evse, { capabilities: ['RFID_READER'] }],
      [evse, { parking_restrictions: ['CUSTOMERS'] }],
      [evse, { directions: [{ language: 'en', text: 'Behind the shop' }] }],
      [`${evse}/connectors/1`, { tariff_id: 'T-C1' }],
      [`${evse}/connectors/1`, { terms_and_conditions: 'https://example.com/terms' }],
      [`${evse}/connectors/2`, { reimbursement_tariff_id: 'R-C2' }],
    ];
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(changes.map(([path, body]) => server.http().patch(path).set(auth(acme)).send(body)));
      expect(answers.map((a) => [a.status, a.body.status_message])).toEqual(changes.map(() => [200, 'Success']));
      const stored = (await get(evse).expect(200)).body.data;
      expect(stored).toMatchObject({
        physical_reference: 'Bay 7',
        floor_level: '-1',
        capabilities: ['RFID_READER'],
        parking_restrictions: ['CUSTOMERS'],
        directions: [{ language: 'en', text: 'Behind the shop' }],
        connectors: [
          { id: '1', tariff_id: 'T-C1', terms_and_conditions: 'https://example.com/terms' },
          { id: '2', reimbursement_tariff_id: 'R-C2' },
        ],
      });
      // The next round starts from scratch: every field back to empty, in one PUT.
      const station = (await get(`${STATIONS}/MERGE-1`).expect(200)).body.data;
      await put('MERGE-1', { ...stationBody('MERGE-1', { evses: [{ uid: 'MERGE-E1', connectors: [ac('1'), ac('2')] }] }) }, station.etag).expect(200);
    }
  });

  it('reviving a REMOVED EVSE whose sequence number another EVSE has taken gives it a free number, not a 400', async () => {
    const first = (await server.http().post(STATIONS).set(auth(acme)).send(stationBody('REVIVE-1', { evses: [{ uid: 'REV-U1', connectors: [ac()] }] })).expect(201))
      .body.data;
    expect(first.evses[0].evse_sequence_number).toBe(1);
    // REV-U1 left out (REMOVED); REV-U2 comes without a number and takes the free number 1.
    const second = (await put('REVIVE-1', { ...first, evses: [{ uid: 'REV-U2', connectors: [ac()] }] }, first.etag).expect(200)).body.data;
    const byUid = (station: { evses: { uid: string }[] }, uid: string) => station.evses.find((e) => e.uid === uid) as Record<string, unknown>;
    expect(byUid(second, 'REV-U1')).toMatchObject({ status: 'REMOVED', evse_sequence_number: 1 });
    expect(byUid(second, 'REV-U2')).toMatchObject({ evse_sequence_number: 1 });
    // Both sent back without numbers: the live EVSE keeps 1, the revived one gets the lowest free number.
    const both = [{ uid: 'REV-U1', connectors: [ac()] }, { uid: 'REV-U2', connectors: [ac()] }];
    const third = (await put('REVIVE-1', { ...second, evses: both }, second.etag).expect(200)).body.data;
    expect(byUid(third, 'REV-U2')).toMatchObject({ evse_sequence_number: 1 });
    expect(byUid(third, 'REV-U1')).toMatchObject({ evse_sequence_number: 2 });
    expect(byUid(third, 'REV-U1').status).not.toBe('REMOVED');
    // Two numbers sent alike are still the client's mistake.
    const clash = [{ uid: 'REV-U1', evse_sequence_number: 1, connectors: [ac()] }, { uid: 'REV-U2', evse_sequence_number: 1, connectors: [ac()] }];
    const refused = await put('REVIVE-1', { ...third, evses: clash }, third.etag).expect(400);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ field: 'evses[1].evse_sequence_number' }));
  });

  it('a station moves to another location of its CPO with PATCH and keeps its EVSEs', async () => {
    await server.http().post(STATIONS).set(auth(acme)).send(stationBody('MOVE-1')).expect(201);
    const moved = await server.http().patch(`${STATIONS}/MOVE-1`).set(auth(acme)).send({ location_id: 'LOC-2' }).expect(200);
    expect(moved.body.data.location_id).toBe('LOC-2');
    expect(moved.body.data.evses).toHaveLength(2);
    const retired = await server.http().patch(`${STATIONS}/MOVE-1`).set(auth(acme)).send({ deploy_state: 'Deprecated' }).expect(200);
    expect(retired.body.data.status).toBe('REMOVED');
  });

  it('an EVSE retired by PATCH status REMOVED frees its evse_id for another station', async () => {
    const first = (await server.http().post(STATIONS).set(auth(acme)).send(stationBody('REUSE-1')).expect(201)).body.data;
    const evseId = first.evses[0].evse_id;
    const clash = await server
      .http()
      .post(STATIONS)
      .set(auth(acme))
      .send(stationBody('REUSE-2', { evses: [{ evse_id: evseId, connectors: [ac()] }] }))
      .expect(400);
    expect(clash.body.errors[0].field).toBe('evses[0].evse_id');
    const removed = await server.http().patch(`${STATIONS}/REUSE-1/evses/${first.evses[0].uid}`).set(auth(acme)).send({ status: 'REMOVED' }).expect(200);
    expect(removed.body.data.status).toBe('REMOVED');
    expect(removed.headers.etag).not.toBe(`"${first.etag}"`);
    await server
      .http()
      .post(STATIONS)
      .set(auth(acme))
      .send(stationBody('REUSE-2', { evses: [{ evse_id: evseId, connectors: [ac()] }] }))
      .expect(201);
  });

  it('a location lists every EVSE of its stations, unless excluded', async () => {
    const location = { cpo_id: 'ACME', name: 'L3', address: 'A', city: 'Delft', postal_code: '2600AA', country: 'NLD', id: 'LOC-3' };
    await server.http().post('/api/2.0/Locations').set(auth(acme)).send(location).expect(201);
    const one = (await server.http().post(STATIONS).set(auth(acme)).send(stationBody('AT-3A', { location_id: 'loc-3' })).expect(201)).body.data;
    const two = (await server.http().post(STATIONS).set(auth(acme)).send(stationBody('AT-3B', { location_id: 'LOC-3' })).expect(201)).body.data;
    const fetched = (await get('/api/2.0/Locations/LOC-3').expect(200)).body.data;
    expect(fetched.evses.map((e: { uid: string }) => e.uid)).toEqual([...one.evses, ...two.evses].map((e: { uid: string }) => e.uid));
    expect(fetched.last_updated).toBe(fetched.created);
    const listed = (await get('/api/2.0/Locations?city=Delft').expect(200)).body.data;
    expect(listed[0].evses).toHaveLength(4);
    expect((await get('/api/2.0/Locations/LOC-3?excludeEvses=true').expect(200)).body.data).not.toHaveProperty('evses');
  });
});
