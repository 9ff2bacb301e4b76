import { startServerProcess, type ServerProcess } from '../support/processes.js';
import { auth, dialect, startFreshServer, type TestServer } from '../support/server.js';
import { type Answer, type Call, Client, etagOf } from './support/client.js';
import { integrityProblems, pick, randomStation, seeded, shapeOfBody, shapeOfResponse, type StationBody, storedShapes } from './support/stations.js';

/**
 * Horizontal scale: two server processes (dist/main.js) on one database, both under a background
 * mix of reads and writes, while bursts of conflicting writes are split over the two. Every
 * conflict must be decided by the database exactly as with one process.
 */
const SEED = 20251125;
const STATIONS = '/api/1.0/ChargeStations';
const LOCATIONS = '/api/2.0/Locations';
const location = (id: string, name = id) => ({ id, cpo_id: 'ACME', name, address: 'Main street 1', city: 'Utrecht', postal_code: '3511AA', country: 'NLD' });

const statuses = (answers: Answer[]) =>
  Object.entries(answers.reduce<Record<string, number>>((all, a) => ({ ...all, [String(a.status)]: (all[String(a.status)] ?? 0) + 1 }), {}));

describe(`Horizontal scale: two server processes on one database (${dialect})`, () => {
  let server: TestServer;
  let token: string;
  let processes: ServerProcess[] = [];
  const client = new Client();
  const backgroundClient = new Client();
  const background = { stop: false, done: Promise.resolve(), requests: 0, problems: [] as string[] };

  /** Request `i` of a burst goes to process `i % 2`. */
  const on = (i: number, call: Omit<Call, 'token'>) => client.send(processes[i % 2].url, { ...call, token });
  const burst = (n: number, call: (i: number) => Omit<Call, 'token'>) => Promise.all(Array.from({ length: n }, (_, i) => on(i, call(i))));
  const read = async (path: string) => {
    const [fromA, fromB] = [await on(0, { method: 'GET', path }), await on(1, { method: 'GET', path })];
    expect(fromA.status).toBe(200);
    expect(fromB.body).toEqual({ ...fromA.body, timestamp: fromB.body.timestamp });
    return fromA;
  };

  /** Four clients, two per process: GET one, list pages, PATCH other stations, write locations. Must never see a 5xx. */
  async function backgroundLoad(loopIndex: number): Promise<void> {
    const random = seeded(SEED + loopIndex);
    const send = async (call: Omit<Call, 'token'>) => {
      background.requests++;
      return { call, answer: await backgroundClient.send(processes[loopIndex % 2].url, { ...call, token }) };
    };
    while (!background.stop) {
      const station = `${STATIONS}/BG-${1 + Math.floor(random() * 8)}`;
      const place = `BG-LOC-${1 + Math.floor(random() * 4)}`;
      const tag = `bg ${loopIndex} ${background.requests}`;
      let sent: { call: Omit<Call, 'token'>; answer: Answer };
      switch (pick(random, ['get', 'list', 'patch', 'locations', 'location put', 'location patch'] as const)) {
        case 'get':
          sent = await send({ method: 'GET', path: station });
          break;
        case 'list':
          sent = await send({ method: 'GET', path: `${STATIONS}?limit=5&offset=${Math.floor(random() * 10)}` });
          break;
        case 'patch':
          sent = await send({ method: 'PATCH', path: station, body: { name: tag } });
          break;
        case 'locations':
          sent = await send({ method: 'GET', path: `${LOCATIONS}?limit=3` });
          break;
        case 'location patch':
          sent = await send({ method: 'PATCH', path: `${LOCATIONS}/${place}`, body: { remarks: tag } });
          break;
        case 'location put':
          // GET → edit → PUT with its etag: another client may get in between (412), nothing else.
          sent = await send({ method: 'GET', path: `${LOCATIONS}/${place}?excludeEvses=true` });
          if (sent.answer.status !== 200) break;
          sent = await send({ method: 'PUT', path: `${LOCATIONS}/${place}`, body: location(place, tag), ifMatch: `"${sent.answer.body.data.etag}"` });
          if (sent.answer.status === 412) continue;
          break;
      }
      if (sent.answer.status !== 200) background.problems.push(`${sent.call.method} ${sent.call.path} → ${sent.answer.status} ${JSON.stringify(sent.answer.body)}`);
    }
  }

  beforeAll(async () => {
    server = await startFreshServer({ rateLimitPerMinute: 0 });
    token = await server.tenant('ACME');
    const post = (path: string, body: object) => server.http().post(path).set(auth(token)).send(body).expect(201);
    for (const id of ['LOC-1', 'BG-LOC-1', 'BG-LOC-2', 'BG-LOC-3', 'BG-LOC-4']) await post(LOCATIONS, location(id));
    const random = seeded(SEED);
    for (let n = 1; n <= 8; n++) await post(STATIONS, randomStation(random, `BG-${n}`, `background ${n}`, ['BG-LOC-1', 'BG-LOC-2']));
    processes = await Promise.all([startServerProcess(server.settings, { RATE_LIMIT_PER_MINUTE: '0' }), startServerProcess(server.settings, { RATE_LIMIT_PER_MINUTE: '0' })]);
    background.done = Promise.all([0, 1, 2, 3].map(backgroundLoad)).then(() => undefined);
  }, 60_000);

  afterAll(async () => {
    background.stop = true;
    await background.done;
    client.close();
    backgroundClient.close();
    await Promise.all(processes.map((p) => p.stop()));
    await server?.close();
  });

  it('100 concurrent PUTs of one station with one etag: one 200, 99 × 412 naming the winner’s etag; the winner is stored whole', async () => {
    const random = seeded(SEED + 10);
    const created = await on(0, { method: 'POST', path: STATIONS, body: randomStation(random, 'RACE-1', 'start', ['LOC-1']) });
    expect(created.status).toBe(201);
    const bodies = Array.from({ length: 100 }, (_, i) => randomStation(random, 'RACE-1', `writer ${i}`, ['LOC-1']));
    const answers = await burst(100, (i) => ({ method: 'PUT', path: `${STATIONS}/RACE-1`, body: bodies[i], ifMatch: `"${created.body.data.etag}"` }));

    expect(statuses(answers)).toEqual([['200', 1], ['412', 99]]);
    const winner = answers.findIndex((a) => a.status === 200);
    const winnerEtag = answers[winner].body.data.etag;
    expect(etagOf(answers[winner])).toBe(winnerEtag);
    expect(new Set(answers.filter((a) => a.status === 412).map(etagOf))).toEqual(new Set([winnerEtag]));
    expect(answers.filter((a) => a.status === 412).every((a) => a.body.status_code === 2000 && a.body.data === undefined)).toBe(true);

    const stored = await read(`${STATIONS}/RACE-1`);
    expect(stored.body.data.etag).toBe(winnerEtag);
    expect(shapeOfResponse(stored.body.data)).toEqual(shapeOfBody(bodies[winner]));
    expect((await storedShapes(server.dataSource)).get('RACE-1')).toEqual(shapeOfBody(bodies[winner]));
  });

  it('50 concurrent EVSE PUTs and 50 PATCHes with one station etag: one winner each, nothing of the losers stored', async () => {
    const before = (await read(`${STATIONS}/RACE-1`)).body.data;
    const evse = (i: number) => ({
      uid: `RACE-1-N${i}`,
      evse_sequence_number: 10 + i,
      connectors: [{ id: String(20 + i), standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 16 }],
    });
    const evsePuts = await burst(50, (i) => ({ method: 'PUT', path: `${STATIONS}/RACE-1/evses/RACE-1-N${i}`, body: evse(i), ifMatch: `"${before.etag}"` }));
    expect(statuses(evsePuts)).toEqual([['201', 1], ['412', 49]]);
    const evseWinner = evsePuts.findIndex((a) => a.status === 201);
    const afterEvsePut = (await read(`${STATIONS}/RACE-1`)).body.data;
    expect(afterEvsePut.etag).toBe(etagOf(evsePuts[evseWinner]));
    expect(new Set(evsePuts.filter((a) => a.status === 412).map(etagOf))).toEqual(new Set([afterEvsePut.etag]));
    const liveUids = (station: any) => station.evses.filter((e: any) => e.status !== 'REMOVED').map((e: any) => e.uid).sort();
    expect(liveUids(afterEvsePut)).toEqual([...liveUids(before), `RACE-1-N${evseWinner}`].sort());

    const patches = await burst(50, (i) => ({ method: 'PATCH', path: `${STATIONS}/RACE-1`, body: { name: `patch ${i}` }, ifMatch: `"${afterEvsePut.etag}"` }));
    expect(statuses(patches)).toEqual([['200', 1], ['412', 49]]);
    const patchWinner = patches.findIndex((a) => a.status === 200);
    const afterPatch = (await read(`${STATIONS}/RACE-1`)).body.data;
    expect(afterPatch.name).toBe(`patch ${patchWinner}`);
    expect(afterPatch.etag).toBe(etagOf(patches[patchWinner]));
    expect(shapeOfResponse(afterPatch)).toEqual({ ...shapeOfResponse(afterEvsePut), name: `patch ${patchWinner}` });
  });

  // An unconditional PUT replaces the EVSE set too. Each one that loses a race is worked out again
  // from a fresh read, up to 20 times, and every lost try means another writer got through: so all
  // 12 writers get a 200, and what stays is the last one's body whole.
  it('PUTs with If-Match: * racing over both processes: each stores one whole body, never EVSEs of several', async () => {
    const random = seeded(SEED + 20);
    const created = await on(1, { method: 'POST', path: STATIONS, body: randomStation(random, 'STAR-1', 'start', ['LOC-1']) });
    expect(created.status).toBe(201);
    for (let round = 0; round < 3; round++) {
      // Disjoint uids per writer: EVSEs of two writers side by side would show.
      const bodies = Array.from({ length: 12 }, (_, i) => randomStation(random, 'STAR-1', `round ${round} writer ${i}`, ['LOC-1'], `STAR-R${round}W${i}`));
      const answers = await burst(12, (i) => ({ method: 'PUT', path: `${STATIONS}/STAR-1`, body: bodies[i], ifMatch: '*' }));
      expect(statuses(answers)).toEqual([['200', 12]]);
      answers.forEach((a, i) => expect(shapeOfResponse(a.body.data)).toEqual(shapeOfBody(bodies[i])));
      const stored = (await read(`${STATIONS}/STAR-1`)).body.data;
      const last = bodies.findIndex((b) => b.name === stored.name);
      expect(shapeOfResponse(stored)).toEqual(shapeOfBody(bodies[last]));
      expect(stored.etag).toBe(answers[last].body.data.etag);
      expect((await storedShapes(server.dataSource)).get('STAR-1')).toEqual(shapeOfBody(bodies[last]));
    }
  });

  it('20 station ids POSTed 5 times each over both processes: one 201 per id, 409s in the envelope, one row per id, no rows of the losers', async () => {
    const random = seeded(SEED + 30);
    const ids = Array.from({ length: 20 }, (_, n) => `DUP-${n}`);
    const bodies = ids.flatMap((id) => [0, 1, 2, 3, 4].map((copy) => randomStation(random, id, `${id} copy ${copy}`, ['LOC-1'], `${id}-C${copy}`)));
    const answers = await burst(bodies.length, (i) => ({ method: 'POST', path: STATIONS, body: bodies[i] }));
    expect(statuses(answers)).toEqual([['201', 20], ['409', 80]]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.status_code === 2000 && a.body.data === undefined && a.body.status_message)).toBe(true);

    const shapes = await storedShapes(server.dataSource);
    for (const id of ids) {
      const won = bodies.map((body, i) => ({ body, answer: answers[i] })).filter((x) => x.body.charge_station_id === id && x.answer.status === 201);
      expect(won).toHaveLength(1);
      expect(shapeOfResponse((await read(`${STATIONS}/${id}`)).body.data)).toEqual(shapeOfBody(won[0].body));
      expect(shapes.get(id)).toEqual(shapeOfBody(won[0].body));
    }
    const rows: { stations: number; evses: number }[] = await server.dataSource.query(
      `SELECT COUNT(DISTINCT s.pk) AS stations, COUNT(e.pk) AS evses FROM charge_stations s JOIN evses e ON e.station_pk = s.pk WHERE s.charge_station_id LIKE 'DUP-%'`,
    );
    const winners = answers.filter((a) => a.status === 201).map((a) => a.body.data as { evses: unknown[] });
    expect({ stations: Number(rows[0].stations), evses: Number(rows[0].evses) }).toEqual({
      stations: 20,
      evses: winners.reduce((sum, w) => sum + w.evses.length, 0),
    });
  });

  it('20 location ids POSTed 5 times each over both processes: one 201 per id, the rest 409, one row per id', async () => {
    const ids = Array.from({ length: 20 }, (_, n) => `DUP-LOC-${n}`);
    const bodies = ids.flatMap((id) => [0, 1, 2, 3, 4].map((copy) => location(id, `${id} copy ${copy}`)));
    const answers = await burst(bodies.length, (i) => ({ method: 'POST', path: LOCATIONS, body: bodies[i] }));
    expect(statuses(answers)).toEqual([['201', 20], ['409', 80]]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.status_code === 2000 && a.body.data === undefined)).toBe(true);
    const rows: { id: string; name: string }[] = await server.dataSource.query(`SELECT id, name FROM locations WHERE id LIKE 'DUP-LOC-%' ORDER BY id`);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const row of rows) {
      const winner = answers.findIndex((a, i) => a.status === 201 && bodies[i].id === row.id);
      expect(row.name).toBe(bodies[winner].name);
    }
  });

  it('one evse_id claimed by two stations at once (20 new pairs, 10 existing pairs): one wins, the other is refused and left as it was', async () => {
    const random = seeded(SEED + 40);
    const claiming = (body: StationBody, evseId: string): StationBody => ({ ...body, evses: [{ ...body.evses[0], evse_id: evseId }, ...body.evses.slice(1)] });

    const pairs = Array.from({ length: 20 }, (_, k) => [`NEW-A-${k}`, `NEW-B-${k}`].map((id) => claiming(randomStation(random, id, id, ['LOC-1']), `NL*ACM*ENEWDUP${k}`)));
    const created = await burst(40, (i) => ({ method: 'POST', path: STATIONS, body: pairs[i >> 1][i % 2] }));
    for (let k = 0; k < 20; k++) {
      const [first, second] = [created[2 * k], created[2 * k + 1]];
      expect([first.status, second.status].filter((s) => s === 201)).toHaveLength(1);
      const loser = first.status === 201 ? second : first;
      const loserId = pairs[k][first.status === 201 ? 1 : 0].charge_station_id;
      expect([400, 409]).toContain(loser.status);
      expect(loser.body.status_code).toBe(loser.status === 400 ? 2001 : 2000);
      expect((await on(k, { method: 'GET', path: `${STATIONS}/${loserId}` })).status).toBe(404);
    }

    const newRows: { n: number }[] = await server.dataSource.query(`SELECT COUNT(*) AS n FROM charge_stations WHERE charge_station_id LIKE 'NEW-%'`);
    expect(Number(newRows[0].n)).toBe(20);

    const existing: { id: string; etag: string; stored: unknown }[] = [];
    for (let n = 0; n < 20; n++) {
      const body = randomStation(random, `OLD-${n}`, `old ${n}`, ['LOC-1']);
      const answer = await on(n, { method: 'POST', path: STATIONS, body: { ...body, evses: body.evses.map(({ evse_id: _, ...e }) => e) } });
      expect(answer.status).toBe(201);
      existing.push({ id: body.charge_station_id, etag: answer.body.data.etag, stored: answer.body.data });
    }
    const claims = existing.map((station, n) => {
      const body = randomStation(random, station.id, `claim ${n}`, ['LOC-1']);
      return claiming(body, `NL*ACM*EOLDDUP${n >> 1}`);
    });
    const updated = await burst(20, (n) => ({ method: 'PUT', path: `${STATIONS}/${existing[n].id}`, body: claims[n], ifMatch: `"${existing[n].etag}"` }));
    for (let k = 0; k < 10; k++) {
      const pair = [2 * k, 2 * k + 1];
      expect(pair.map((n) => updated[n].status).filter((s) => s === 200)).toHaveLength(1);
      const loser = pair.find((n) => updated[n].status !== 200)!;
      expect([400, 409]).toContain(updated[loser].status);
      const now = (await read(`${STATIONS}/${existing[loser].id}`)).body.data;
      expect(now.etag).toBe(existing[loser].etag);
      expect(shapeOfResponse(now)).toEqual(shapeOfResponse(existing[loser].stored));
    }

    const live: { evse_id: string; n: number }[] = await server.dataSource.query(
      `SELECT evse_id, COUNT(*) AS n FROM evses WHERE status <> 'REMOVED' AND (evse_id LIKE 'NL*ACM*ENEWDUP%' OR evse_id LIKE 'NL*ACM*EOLDDUP%') GROUP BY evse_id`,
    );
    expect(live.map((r) => Number(r.n))).toEqual(Array(30).fill(1));
  });

  it('the background load on both processes saw no 5xx and no unexpected answer; the tables are whole', async () => {
    background.stop = true;
    await background.done;
    expect(background.problems).toEqual([]);
    expect(background.requests).toBeGreaterThan(100);
    expect(await integrityProblems(server.dataSource)).toEqual([]);
    console.log(`horizontal scale (${dialect}): ${background.requests} background requests on 2 processes, none failed`);
  });
});
