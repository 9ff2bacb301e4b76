import { randomInt } from 'node:crypto';
import { startServerProcess, type ServerProcess } from '../support/processes.js';
import { auth, dialect, startFreshServer, type TestServer } from '../support/server.js';
import { type Answer, Client, etagOf } from './support/client.js';
import {
  between,
  integrityProblems,
  pick,
  randomStation,
  seeded,
  type Shape,
  shapeOfBody,
  shapeOfResponse,
  type StationBody,
  storedShapes,
} from './support/stations.js';

/**
 * Crash safety: `kill -9` of a server process (dist/main.js) while 16 clients POST and PUT
 * stations, three times, each time restarting a new process on the same database and port. After
 * every restart the stored data is checked over HTTP and straight in the tables against what every
 * client sent and was answered. Each run draws a fresh schedule from a new seed, printed at the
 * start and named in the suite (so in every failure); `CRASH_SEED=<seed>` replays its requests (the
 * moments of the kills depend on the machine's timing as well).
 */
const SEED = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : randomInt(2 ** 31);
if (!Number.isSafeInteger(SEED)) throw new Error(`CRASH_SEED must be a whole number, got ${process.env.CRASH_SEED}`);
console.log(`crash safety (${dialect}): seed ${SEED}; replay with CRASH_SEED=${SEED}`);
const LOOPS = 16;
const KILLS = 3;
const MAX_STATIONS_PER_LOOP = 6;
const LOCATIONS = ['LOC-A', 'LOC-B'] as const;
const STATIONS = '/api/1.0/ChargeStations';

type Kind = 'POST' | 'PUT with etag' | 'PUT If-Match *' | 'PUT stale etag' | 'PUT without etag';

/** The statuses each kind of write may get (besides no answer at all when the server dies). */
const ALLOWED: Record<Kind, number[]> = {
  POST: [201],
  'PUT with etag': [200, 412],
  'PUT If-Match *': [200, 201],
  'PUT stale etag': [412],
  'PUT without etag': [201, 428],
};

/** One thing known about a station, in the order its own client did it. */
interface Entry {
  /** What the station is after it (null: absent). */
  shape: Shape | null;
  /** Acknowledged with a 2xx, or seen stored after a restart: the station was exactly this then. */
  settled: boolean;
  /** Sent, no answer: it may or may not have happened. */
  lost: boolean;
}

/** A station and what its one client (loop) did to it; a station is written by one client only. */
interface Tracked {
  id: string;
  etag: string | undefined;
  oldEtags: string[];
  history: Entry[];
}

class Gate {
  private isOpen = false;
  private waiting: (() => void)[] = [];
  parked = 0;

  open(): void {
    this.isOpen = true;
    this.waiting.splice(0).forEach((wake) => wake());
  }

  close(): void {
    this.isOpen = false;
  }

  async pass(): Promise<void> {
    while (!this.isOpen) {
      this.parked++;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.parked--;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe(`Crash safety: kill -9 under concurrent station writes (${dialect}, seed ${SEED})`, () => {
  let server: TestServer;
  let token: string;
  let child: ServerProcess;
  const client = new Client();
  const env = { RATE_LIMIT_PER_MINUTE: '0' };

  beforeAll(async () => {
    server = await startFreshServer({ rateLimitPerMinute: 0 });
    token = await server.tenant('ACME');
    for (const id of LOCATIONS) {
      await server
        .http()
        .post('/api/2.0/Locations')
        .set(auth(token))
        .send({ id, cpo_id: 'ACME', name: id, address: 'Main street 1', city: 'Utrecht', postal_code: '3511AA', country: 'NLD' })
        .expect(201);
    }
    child = await startServerProcess(server.settings, env);
  }, 60_000);

  afterAll(async () => {
    client.close();
    await child?.kill();
    await server?.close();
  });

  it('after each of 3 kills every acknowledged write is stored whole, lost ones all or nothing, no orphans; etags keep working', async () => {
    const started = Date.now();
    const master = seeded(SEED);
    const gate = new Gate();
    const tracked: Tracked[] = [];
    const unexpected: string[] = [];
    const counts = { requests: 0, acknowledged: 0, refused: 0, unanswered: 0, lostStored: 0, lostNotStored: 0 };
    let stopped = false;
    const url = child.url;

    const send = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, ifMatch?: string) =>
      client.send(url, { method, path, token, body, ifMatch });

    /** One client: creates up to six stations of its own and keeps rewriting them, one request at a time. */
    async function loop(index: number): Promise<void> {
      const random = seeded(SEED * 31 + index);
      const mine: Tracked[] = [];
      let writes = 0;
      for (;;) {
        await gate.pass();
        if (stopped) return;
        let station: Tracked;
        let kind: Kind;
        if (mine.length === 0 || (mine.length < MAX_STATIONS_PER_LOOP && random() < 0.25)) {
          station = { id: `C${index}-${mine.length + 1}`, etag: undefined, oldEtags: [], history: [] };
          mine.push(station);
          tracked.push(station);
          kind = 'POST';
        } else {
          station = pick(random, mine);
          const r = random();
          if (station.etag === undefined) kind = r < 0.7 ? 'PUT If-Match *' : 'PUT without etag';
          else if (r < 0.55) kind = 'PUT with etag';
          else if (r < 0.75) kind = 'PUT If-Match *';
          else if (r < 0.87 && station.oldEtags.length) kind = 'PUT stale etag';
          else kind = 'PUT without etag';
        }
        const body: StationBody = randomStation(random, station.id, `w${index}-${++writes}`, LOCATIONS);
        const ifMatch = {
          POST: undefined,
          'PUT with etag': `"${station.etag}"`,
          'PUT If-Match *': '*',
          'PUT stale etag': `"${station.oldEtags.length ? pick(random, station.oldEtags) : ''}"`,
          'PUT without etag': undefined,
        }[kind];
        const answer: Answer =
          kind === 'POST' ? await send('POST', STATIONS, body) : await send('PUT', `${STATIONS}/${station.id}`, body, ifMatch);
        counts.requests++;
        record(station, kind, body, answer);
      }
    }

    function record(station: Tracked, kind: Kind, body: StationBody, answer: Answer): void {
      const what = `${kind} ${station.id} (${body.name})`;
      if (answer.status === null) {
        counts.unanswered++;
        station.history.push({ shape: shapeOfBody(body), settled: false, lost: true });
        return;
      }
      if (!ALLOWED[kind].includes(answer.status)) {
        unexpected.push(`${what} → ${answer.status} ${JSON.stringify(answer.body)}`);
        return;
      }
      if (answer.status >= 300) {
        counts.refused++;
        if (answer.status === 412) {
          const current = etagOf(answer);
          if (!current) unexpected.push(`${what} → 412 without the current etag`);
          else if (current !== station.etag) {
            if (station.etag) station.oldEtags.push(station.etag);
            station.etag = current;
          }
        }
        return;
      }
      counts.acknowledged++;
      const data = answer.body?.data;
      if (!data || !same(shapeOfResponse(data), shapeOfBody(body))) {
        unexpected.push(`${what} → ${answer.status} answered another station than was sent: ${JSON.stringify(data)}`);
      }
      if (etagOf(answer) !== data?.etag) unexpected.push(`${what} → ETag header ${etagOf(answer)} differs from body etag ${data?.etag}`);
      if (station.etag) station.oldEtags.push(station.etag);
      station.etag = data?.etag;
      station.history.push({ shape: shapeOfBody(body), settled: true, lost: false });
    }

    /** What the station may be now: its last settled state, or any write sent after it that got no answer. */
    function candidates(station: Tracked): (Shape | null)[] {
      let last = -1;
      station.history.forEach((entry, i) => entry.settled && (last = i));
      const shapes: (Shape | null)[] = [last < 0 ? null : station.history[last].shape];
      for (let i = last + 1; i < station.history.length; i++) if (station.history[i].lost) shapes.push(station.history[i].shape);
      return shapes;
    }

    /** With every client parked: each station over HTTP and in the tables against what its client knows. */
    async function verify(round: string): Promise<void> {
      const problems: string[] = [];
      const fromTables = await storedShapes(server.dataSource);
      const answers = new Map<string, string>();
      let present = 0;
      for (const station of tracked) {
        const answer = await send('GET', `${STATIONS}/${station.id}`);
        if (answer.status === 200) answers.set(station.id.toUpperCase(), JSON.stringify(answer.body.data));
        const shapes = candidates(station);
        let now: Shape | null;
        if (answer.status === 404) now = null;
        else if (answer.status === 200) {
          now = shapeOfResponse(answer.body.data);
          present++;
          if (!same(fromTables.get(station.id.toUpperCase()), now)) {
            problems.push(`${station.id}: the tables hold ${JSON.stringify(fromTables.get(station.id.toUpperCase()))}, the API answers ${JSON.stringify(now)}`);
          }
        } else {
          problems.push(`${station.id}: GET → ${answer.status} ${JSON.stringify(answer.body)}`);
          continue;
        }
        const match = shapes.findIndex((shape) => same(shape, now));
        if (match < 0) {
          problems.push(`${station.id}: stored ${JSON.stringify(now)}; expected one of ${JSON.stringify(shapes)}`);
          continue;
        }
        if (shapes.length > 1) {
          if (match > 0) counts.lostStored++;
          counts.lostNotStored += shapes.length - 1 - (match > 0 ? 1 : 0);
        }
        station.history.push({ shape: now, settled: true, lost: false });
      }
      if (fromTables.size !== present) problems.push(`${fromTables.size} stations in the tables, ${present} known to the clients`);
      // GET and lists answer from stored documents (GET was checked against the tables above): each
      // listed station must be exactly what its GET answers, also when a write was killed between its
      // UPDATE and its document (the first read rebuilds that one).
      const listed = await send('GET', `${STATIONS}?limit=1000`);
      if (listed.status !== 200) problems.push(`list → ${listed.status}`);
      else {
        const items = listed.body.data as { charge_station_id: string }[];
        if (items.length !== answers.size) problems.push(`the list holds ${items.length} stations, GET found ${answers.size}`);
        for (const item of items) {
          const one = answers.get(item.charge_station_id.toUpperCase());
          if (JSON.stringify(item) !== one) problems.push(`${item.charge_station_id}: listed as ${JSON.stringify(item)}, GET answers ${one}`);
        }
      }
      problems.push(...(await integrityProblems(server.dataSource)));
      expect({ round, problems }).toEqual({ round, problems: [] });
    }

    const loops = Array.from({ length: LOOPS }, (_, i) => loop(i));
    for (let kill = 1; kill <= KILLS; kill++) {
      // Kill at a random moment once the round has real load behind it (40 acknowledged writes, or 10 s).
      const enough = counts.acknowledged + 40;
      const deadline = Date.now() + 10_000;
      gate.open();
      while (counts.acknowledged < enough && Date.now() < deadline) await sleep(20);
      await sleep(between(master, 0, 800));
      gate.close();
      await child.kill();
      while (gate.parked < LOOPS) await sleep(10);
      child = await startServerProcess(server.settings, env, { port: child.port });
      await verify(`after kill ${kill}`);
    }
    stopped = true;
    gate.open();
    await Promise.all(loops);
    expect(unexpected).toEqual([]);

    // Etags after the crashes: a GET's etag lets a PUT through (and moves on), the one before is refused.
    const random = seeded(SEED + 1);
    const present = tracked.filter((t) => t.history.at(-1)?.shape !== null);
    for (const station of present) {
      const read = await send('GET', `${STATIONS}/${station.id}`);
      expect(read.status).toBe(200);
      expect(etagOf(read)).toBe(read.body.data.etag);
      const body = randomStation(random, station.id, `final-${station.id}`, LOCATIONS);
      const written = await send('PUT', `${STATIONS}/${station.id}`, body, `"${read.body.data.etag}"`);
      expect(written.status).toBe(200);
      expect(written.body.data.etag).not.toBe(read.body.data.etag);
      expect(shapeOfResponse((await send('GET', `${STATIONS}/${station.id}`)).body.data)).toEqual(shapeOfBody(body));
      const stale = await send('PUT', `${STATIONS}/${station.id}`, { ...body, name: 'stale' }, `"${read.body.data.etag}"`);
      expect(stale.status).toBe(412);
      expect(etagOf(stale)).toBe(written.body.data.etag);
    }
    expect(await integrityProblems(server.dataSource)).toEqual([]);
    expect(counts.acknowledged).toBeGreaterThan(100);
    expect(counts.unanswered).toBeGreaterThan(0);
    console.log(
      `crash safety (${dialect}, seed ${SEED}): ${counts.requests} writes by ${LOOPS} clients, ${KILLS} kills, ` +
        `${counts.acknowledged} acknowledged, ${counts.refused} refused (412/428), ${counts.unanswered} unanswered ` +
        `(${counts.lostStored} found stored whole, ${counts.lostNotStored} not at all), ${tracked.length} stations ` +
        `(${present.length} present), ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 60_000);
});
