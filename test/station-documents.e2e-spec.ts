import { STATION_DOCUMENT_FORMAT } from '../src/charge-stations/read-model/station-document-format.js';
import { inTransaction } from '../src/database/transactions.js';
import { auth, countQueries, dialect, dropStationDocument, startFreshServer, type TestServer } from './support/server.js';

/**
 * GET one station and list pages answer from each station's stored document
 * (src/charge-stations/station-document.ts) with the live parts filled in at read time. Whatever
 * wrote the station, and whatever happened to its document, both must answer exactly what the
 * station's tables say.
 */
const STATIONS = '/api/1.0/ChargeStations';
const ac = (id?: string) => ({ ...(id ? { id } : {}), standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 });

type Station = Record<string, unknown> & { charge_station_id: string; etag: string; evses: { uid: string; status: string; last_updated: string }[] };

describe(`Stored station documents behind GET and list pages (${dialect})`, () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startFreshServer();
    token = await server.tenant('DOCS');
    const location = { cpo_id: 'DOCS', id: 'LOC-D', name: 'L', address: 'A', city: 'Amsterdam', postal_code: '1000AA', country: 'NLD' };
    await server.http().post('/api/2.0/Locations').set(auth(token)).send(location).expect(201);
    await server.http().post('/api/2.0/Locations').set(auth(token)).send({ ...location, id: 'LOC-E' }).expect(201);
  });

  afterAll(async () => {
    await server?.close();
  });

  const http = () => server.http();
  const body = (id: string, extra: Record<string, unknown> = {}) => ({
    charge_station_id: id,
    location_id: 'LOC-D',
    deploy_state: 'Production',
    default_charge_station_tariff_id: 'T-1',
    charger_type: 'Public',
    evses: [{ uid: `${id}-A`, connectors: [ac(), ac()] }, { uid: `${id}-B`, connectors: [ac()] }],
    ...extra,
  });
  const getOne = async (id: string): Promise<Station> => (await http().get(`${STATIONS}/${id}`).set(auth(token)).expect(200)).body.data;
  const list = async (): Promise<Station[]> => (await http().get(`${STATIONS}?limit=1000`).set(auth(token)).expect(200)).body.data;
  const documents = async () =>
    (await server.dataSource.query(
      `SELECT s.charge_station_id AS id, s.etag AS station_etag, d.etag AS document_etag, d.format_version AS format FROM charge_stations s LEFT JOIN station_documents d ON d.station_pk = s.pk`,
    )) as { id: string; station_etag: string; document_etag: string | null; format: number | null }[];

  /**
   * Every station in the list equals its GET, and both equal the station read from its tables (GET
   * after its document is deleted, which also stores the document again), key order included.
   */
  async function expectListEqualsGets(): Promise<Station[]> {
    const listed = await list();
    expect(listed.length).toBeGreaterThan(0);
    for (const station of listed) {
      const one = await getOne(station.charge_station_id);
      await dropStationDocument(server.dataSource, station.charge_station_id);
      const fromTables = await getOne(station.charge_station_id);
      expect(JSON.stringify(station)).toBe(JSON.stringify(one));
      expect(JSON.stringify(one)).toBe(JSON.stringify(fromTables));
    }
    return listed;
  }

  async function expectDocumentsCurrent(): Promise<void> {
    for (const row of await documents()) {
      expect({ id: row.id, etag: row.document_etag, format: Number(row.format) }).toEqual({ id: row.id, etag: row.station_etag, format: STATION_DOCUMENT_FORMAT });
    }
  }

  it('every write path stores the station document with the write: POST, PUT (replace, EVSE change, create), PATCH, EVSE PUT/PATCH/REMOVED, connector PATCH', async () => {
    const created = (await http().post(STATIONS).set(auth(token)).send(body('DOC-1')).expect(201)).body.data as Station;
    await expectDocumentsCurrent();
    const renamed = (await http().put(`${STATIONS}/DOC-1`).set(auth(token)).set('If-Match', created.etag).send({ ...created, name: 'Renamed' }).expect(200))
      .body.data as Station;
    await expectDocumentsCurrent();
    const fewer = (
      await http()
        .put(`${STATIONS}/DOC-1`)
        .set(auth(token))
        .set('If-Match', renamed.etag)
        .send({ ...renamed, evses: [{ uid: 'DOC-1-A', connectors: [ac('1')] }] })
        .expect(200)
    ).body.data as Station;
    expect(fewer.evses.map((e) => e.status)).toEqual(['UNKNOWN', 'REMOVED']);
    await expectDocumentsCurrent();
    await http().put(`${STATIONS}/DOC-2`).set(auth(token)).send(body('DOC-2')).expect(201);
    await http().patch(`${STATIONS}/DOC-2`).set(auth(token)).send({ remarks: 'patched', location_id: 'LOC-E' }).expect(200);
    await expectDocumentsCurrent();
    const doc2 = await getOne('DOC-2');
    await http().put(`${STATIONS}/DOC-2/evses/DOC-2-C`).set(auth(token)).set('If-Match', doc2.etag).send({ connectors: [ac()] }).expect(201);
    await http().patch(`${STATIONS}/DOC-2/evses/DOC-2-A`).set(auth(token)).send({ physical_reference: 'Bay 3' }).expect(200);
    await http().patch(`${STATIONS}/DOC-2/evses/DOC-2-A/connectors/2`).set(auth(token)).send({ amperage: 16 }).expect(200);
    await http().patch(`${STATIONS}/DOC-2/evses/DOC-2-B`).set(auth(token)).send({ status: 'REMOVED' }).expect(200);
    await expectDocumentsCurrent();
    const listed = await expectListEqualsGets();
    expect(listed.find((s) => s.charge_station_id === 'DOC-2')).toMatchObject({ remarks: 'patched', location_id: 'LOC-E' });
  });

  it('live changes show in lists without touching the document: EVSE status, its last_updated, the station status', async () => {
    await http().post(STATIONS).set(auth(token)).send(body('LIVE-1')).expect(201);
    const [before] = await documents().then((rows) => rows.filter((r) => r.id === 'LIVE-1'));
    const bodyBefore = await server.dataSource.query(`SELECT body FROM station_documents WHERE etag = ?`, [before.document_etag]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await http().patch(`${STATIONS}/LIVE-1/evses/LIVE-1-B`).set(auth(token)).send({ status: 'CHARGING' }).expect(200);
    const listed = (await expectListEqualsGets()).find((s) => s.charge_station_id === 'LIVE-1')!;
    expect(listed.status).toBe('CHARGING');
    expect(listed.evses.map((e) => e.status)).toEqual(['UNKNOWN', 'CHARGING']);
    expect(listed.evses[1].last_updated > listed.evses[0].last_updated).toBe(true);
    expect(await server.dataSource.query(`SELECT body FROM station_documents WHERE etag = ?`, [before.document_etag])).toEqual(bodyBefore);
  });

  it('GET answers from the document in one statement; without a current one it answers the same from the tables and stores it', async () => {
    await http().post(STATIONS).set(auth(token)).send(body('ONE-1')).expect(201);
    await http().patch(`${STATIONS}/ONE-1/evses/ONE-1-B`).set(auth(token)).send({ status: 'CHARGING' }).expect(200);
    const get = () => http().get(`${STATIONS}/ONE-1`).set(auth(token)).expect(200);
    let fromDocument = await get();
    expect(await countQueries(server.dataSource, async () => (fromDocument = await get()))).toBe(1);
    expect(fromDocument.headers.etag).toBe(`"${fromDocument.body.data.etag}"`);
    expect(fromDocument.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(fromDocument.body)).toEqual(['data', 'status_code', 'status_message', 'timestamp']);
    expect(fromDocument.body.data).toMatchObject({ status: 'CHARGING', evses: [{ status: 'UNKNOWN' }, { status: 'CHARGING' }] });
    const damages = {
      missing: () => dropStationDocument(server.dataSource, 'ONE-1'),
      stale: () => server.dataSource.query(`UPDATE station_documents SET etag = 'stale' WHERE station_pk = (SELECT pk FROM charge_stations WHERE charge_station_id = 'ONE-1')`),
    };
    for (const [damage, apply] of Object.entries(damages)) {
      await apply();
      let fromTables = fromDocument;
      const repairing = await countQueries(server.dataSource, async () => (fromTables = await get()));
      expect({ damage, repairing: repairing > 1 }).toEqual({ damage, repairing: true });
      expect(JSON.stringify(fromTables.body.data)).toBe(JSON.stringify(fromDocument.body.data));
      expect(fromTables.headers.etag).toBe(fromDocument.headers.etag);
      await expectDocumentsCurrent();
      expect(await countQueries(server.dataSource, () => get())).toBe(1);
    }
  });

  it('a missing or stale document is rebuilt by the list page that meets it, which still answers what GET answers', async () => {
    await http().post(STATIONS).set(auth(token)).send(body('OLD-1')).expect(201);
    await http().post(STATIONS).set(auth(token)).send(body('OLD-2')).expect(201);
    // As after an upgrade (no documents), and as after a write that stopped before storing its document.
    await server.dataSource.query(`DELETE FROM station_documents WHERE station_pk = (SELECT pk FROM charge_stations WHERE charge_station_id = 'OLD-1')`);
    await server.dataSource.query(`UPDATE station_documents SET etag = 'stale' WHERE station_pk = (SELECT pk FROM charge_stations WHERE charge_station_id = 'OLD-2')`);
    const repairing = await countQueries(server.dataSource, () => list());
    await expectDocumentsCurrent();
    await expectListEqualsGets();
    const steady = await countQueries(server.dataSource, () => list());
    expect(steady).toBe(4); // the token, the count, the keys, documents with configurations and EVSE statuses
    expect(repairing).toBeGreaterThan(steady);
  });

  it('never answers what a transaction wrote and then rolled back (no dirty reads, also on the one SQLite connection)', async () => {
    await http().post(STATIONS).set(auth(token)).send(body('DIRTY-1')).expect(201);
    const before = await getOne('DIRTY-1');
    expect(before.evses[0].status).not.toBe('BLOCKED');
    let during: Promise<[Station, Station[]]> | undefined;
    await expect(
      inTransaction(server.dataSource, async (manager) => {
        await manager.query(`UPDATE evses SET status = 'BLOCKED' WHERE uid = ?`, ['DIRTY-1-A']);
        // Both requests arrive while the transaction is open, and have time to be answered in it.
        during = Promise.all([getOne('DIRTY-1'), list()]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const [one, page] = await (during as Promise<[Station, Station[]]>);
    expect(one).toEqual(before);
    expect(page.find((s) => s.charge_station_id === 'DIRTY-1')).toEqual(before);
    expect(await getOne('DIRTY-1')).toEqual(before);
  });

  it('a document of another format than the code\'s is never answered, by GET or a list page, and is rebuilt in the code\'s format', async () => {
    await http().post(STATIONS).set(auth(token)).send(body('FMT-1', { name: 'Current' })).expect(201);
    await http().post(STATIONS).set(auth(token)).send(body('FMT-2', { name: 'Current' })).expect(201);
    const answers = { one: await getOne('FMT-1'), two: await getOne('FMT-2') };
    // As a deploy that changed the answer finds them: the same etag, the old format's bytes (here:
    // another name; holes and all, a document that would be answered were it of the code's format).
    const outdate = async () => {
      const rows = (await server.dataSource.query(
        `SELECT d.station_pk AS pk, d.body AS body FROM station_documents d JOIN charge_stations s ON s.pk = d.station_pk WHERE s.charge_station_id IN ('FMT-1', 'FMT-2')`,
      )) as { pk: number; body: Buffer }[];
      for (const row of rows) {
        const old = Buffer.from(Buffer.from(row.body).toString().replace('"name":"Current"', '"name":"Old format"'));
        await server.dataSource.query(`UPDATE station_documents SET format_version = ?, body = ? WHERE station_pk = ?`, [STATION_DOCUMENT_FORMAT - 1, old, row.pk]);
      }
    };
    await outdate();
    // The same bytes in the code's format are answered as they are (so the check below can fail).
    await server.dataSource.query(`UPDATE station_documents SET format_version = ? WHERE station_pk = (SELECT pk FROM charge_stations WHERE charge_station_id = 'FMT-1')`, [STATION_DOCUMENT_FORMAT]);
    expect((await getOne('FMT-1')).name).toBe('Old format');
    await outdate();
    expect(JSON.stringify(await getOne('FMT-1'))).toBe(JSON.stringify(answers.one));
    expect((await documents()).filter((d) => d.id.startsWith('FMT-')).map((d) => Number(d.format))).toEqual([STATION_DOCUMENT_FORMAT, STATION_DOCUMENT_FORMAT - 1]);
    await outdate();
    const listed = (await list()).filter((s) => s.charge_station_id.startsWith('FMT-'));
    expect(listed.map((s) => JSON.stringify(s))).toEqual([JSON.stringify(answers.one), JSON.stringify(answers.two)]);
    await expectDocumentsCurrent();
    expect(JSON.stringify(await getOne('FMT-2'))).toBe(JSON.stringify(answers.two));
  });
});
