import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../support/processes.js';
import { CpoRepository } from '../../src/auth/cpo.repository.js';
import { ApiTokenRepository } from '../../src/auth/api-token.repository.js';
import { loadSettings } from '../../src/settings/settings.js';
import { openDataSource } from '../../src/database/data-source.js';
import { mariadbInstalled, startPrivateMariaDb, type PrivateMariaDb } from '../support/mariadb.js';

/**
 * Issue 8, database outage: a production server process (`node dist/main.js`) on a private MariaDB
 * under mixed load. The database is shut down (`mariadb-admin shutdown`), then killed (`kill -9`) —
 * each time started again on the same port and data dir — then frozen (SIGSTOP, later SIGCONT).
 * Every request must answer within 5 s — 503 with the envelope while the database is away, never a
 * 500 or a hang — `/health/ready` must say so, and the same process must serve again once the
 * database is back, with nothing lost or half written. Runs in the MariaDB pass only, on its own
 * throwaway server (the shared one of scripts/with-mariadb.sh must stay up for the other suites).
 */

const STATIONS = '/api/1.0/ChargeStations';
const LIMIT_MS = 5000;
/** Guard only: a request still open after this is recorded as a hang (and fails the test). */
const GUARD_MS = 8000;
const READ_STATIONS = 10;
const GET_LOOPS = 6;
const LIST_LOOPS = 2;
const PATCH_LOOPS = 2;
const PUT_LOOPS = 2;
const PAUSE_MS = 20;
/** Large PUTs sent one every BURST_SPACING_MS around the moment the database goes away, so that writes are in flight. */
const BURST = 8;
const BURST_SPACING_MS = 8;
/** /health/ready pings with a 2 s timeout. */
const HEALTH_LIMIT_MS = 3000;

const skipReason = !process.env.TEST_DATABASE_URL
  ? 'runs in the MariaDB pass only (TEST_DATABASE_URL unset)'
  : !mariadbInstalled()
    ? 'mariadbd is not installed'
    : undefined;
const suite = skipReason ? describe.skip : describe;

interface Sample {
  kind: string;
  start: number;
  end: number;
  ms: number;
  status: number;
  /** A network error or the guard's abort, instead of an answer. */
  error?: string;
  body?: Record<string, any>;
  retryAfter?: string | null;
  /** A 412 right after a write whose outcome the writer could not know (so its etag may be stale). */
  afterDoubt?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ac = () => ({ standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 });
const stationBody = (id: string) => ({
  charge_station_id: id,
  location_id: 'LOC-OUT',
  deploy_state: 'Production',
  default_charge_station_tariff_id: 'T-STD',
  charger_type: 'Public',
  name: `Station ${id}`,
  evses: [{ connectors: [ac(), ac()] }, { connectors: [ac()] }],
});

/** The service as an operator runs it: `node dist/main.js`, its own process and pid. */
class ServiceProcess {
  private child!: ChildProcess;
  private log = '';
  url = '';

  async start(database: string): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, ['dist/main.js'], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database,
        DEMO_SEED: 'false',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '0',
        OCPP_PUBLIC_URL: 'ws://localhost:3000/ocpp',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString('utf8')).slice(-50_000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`the service exited during start-up:\n${this.log}`);
      try {
        if ((await fetch(`${this.url}/health/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the service was not ready within 30 s:\n${this.log}`);
      await sleep(100);
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child?.exitCode === null && this.child?.signalCode === null;
  }

  output(): string {
    return this.log;
  }

  async stop(): Promise<void> {
    if (!this.child || !this.running) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

suite(`Database outage under load (MariaDB${skipReason ? `; skipped: ${skipReason}` : ''})`, () => {
  let db: PrivateMariaDb;
  const service = new ServiceProcess();
  let token = '';
  const readIds = Array.from({ length: READ_STATIONS }, (_, i) => `OUT-R${i}`);
  const before = new Map<string, unknown>();

  async function call(kind: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Sample> {
    const start = Date.now();
    try {
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: { authorization: `Token ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(GUARD_MS),
      });
      const text = await response.text();
      const end = Date.now();
      return {
        kind, start, end, ms: end - start, status: response.status,
        body: text ? JSON.parse(text) : undefined,
        retryAfter: response.headers.get('retry-after'),
      };
    } catch (error) {
      const end = Date.now();
      return { kind, start, end, ms: end - start, status: 0, error: String((error as Error).cause ?? error) };
    }
  }

  beforeAll(async () => {
    if (!existsSync('dist/main.js')) throw new Error('dist/main.js is missing: run npm run build first');
    db = await startPrivateMariaDb();
    await service.start(db.url);
    const dataSource = await openDataSource(loadSettings({ DATABASE_URL: db.url }));
    try {
      await new CpoRepository(dataSource).create({ cpoId: 'OUTAGE', name: 'Outage Charging', countryCode: 'NL', partyId: 'OUT' });
      token = await new ApiTokenRepository(dataSource).create(['OUTAGE'], 'write');
    } finally {
      await dataSource.destroy();
    }
    const location = { cpo_id: 'OUTAGE', id: 'LOC-OUT', name: 'Depot', address: 'Kade 1', city: 'Utrecht', postal_code: '3511AA', country: 'NLD' };
    expect((await call('setup', 'POST', '/api/2.0/Locations', location)).status).toBe(201);
    for (const id of readIds) {
      const created = await call('setup', 'POST', STATIONS, stationBody(id));
      expect(created.status).toBe(201);
      before.set(id, created.body!.data);
    }
  }, 60_000);

  afterAll(async () => {
    await service.stop();
    await db?.destroy();
  });

  interface Writer {
    id: string;
    kind: 'PATCH' | 'PUT';
    /** The name of the last write answered 200 (at first the name it was created with). */
    acked: string;
    /** Names sent since, whose writes failed: each may or may not have been stored. */
    inDoubt: string[];
  }

  /** A PUT body that replaces the station's name and every EVSE's physical_reference (≤ 16 characters) with `marker`. */
  const rewrite = (station: Record<string, any>, marker: string, evses = station.evses.length) => ({
    ...station,
    name: marker,
    evses: Array.from({ length: evses }, (_, k) => ({
      ...(station.evses[k] ?? { connectors: [ac(), ac()] }),
      physical_reference: marker,
    })),
  });

  /**
   * Mixed load until stopped: GETs of the read-only stations, list pages, PATCHes and etag PUTs,
   * plus a /health/ready probe every 200 ms. Each writer owns its station, so a 412 can only
   * follow a write whose outcome the writer could not know; it records what it sent, so the
   * stored station can be checked against the writes acknowledged or left in doubt.
   */
  async function startLoad(round: string) {
    const samples: Sample[] = [];
    const health: Sample[] = [];
    const writers: Writer[] = [];
    let running = true;
    const record = (sample: Sample) => (samples.push(sample), sample);

    const stations: Record<string, any>[] = [];
    for (const [kind, count] of [['PATCH', PATCH_LOOPS], ['PUT', PUT_LOOPS]] as const) {
      for (let i = 0; i < count; i++) {
        const id = `OUT-${round}-${kind}${i}`;
        const created = await call('setup', 'POST', STATIONS, stationBody(id));
        expect(created.status).toBe(201);
        writers.push({ id, kind, acked: created.body!.data.name, inDoubt: [] });
        stations.push(created.body!.data);
      }
    }

    const loops: Promise<void>[] = [];
    for (let i = 0; i < GET_LOOPS; i++) {
      loops.push((async () => {
        for (let n = 0; running; n++) {
          record(await call('GET one', 'GET', `${STATIONS}/${readIds[(i + n) % readIds.length]}`));
          await sleep(PAUSE_MS);
        }
      })());
    }
    for (let i = 0; i < LIST_LOOPS; i++) {
      loops.push((async () => {
        for (let n = 0; running; n++) {
          record(await call('GET list', 'GET', `${STATIONS}?limit=5&offset=${(n * 5) % READ_STATIONS}`));
          await sleep(PAUSE_MS);
        }
      })());
    }
    writers.forEach((writer, w) => {
      loops.push((async () => {
        let station = stations[w];
        for (let n = 1; running; n++) {
          const marker = `${writer.kind} ${w}.${n}`;
          const sample =
            writer.kind === 'PATCH'
              ? await call('PATCH', 'PATCH', `${STATIONS}/${writer.id}`, { name: marker })
              : await call('PUT', 'PUT', `${STATIONS}/${writer.id}`, rewrite(station, marker), { 'if-match': `"${station.etag}"` });
          if (sample.status === 412 && writer.inDoubt.length) sample.afterDoubt = true;
          record(sample);
          if (sample.status === 200) {
            station = sample.body!.data;
            writer.acked = marker;
            writer.inDoubt = [];
            await sleep(PAUSE_MS);
            continue;
          }
          if (sample.status !== 412) writer.inDoubt.push(marker);
          // The outcome is unknown: learn the current state (and etag) before writing again.
          for (;;) {
            const current = record(await call('GET writer', 'GET', `${STATIONS}/${writer.id}`));
            if (current.status === 200) {
              station = current.body!.data;
              break;
            }
            await sleep(100);
          }
        }
      })());
    });
    loops.push((async () => {
      while (running) {
        health.push(await call('health', 'GET', '/health/ready'));
        await sleep(200);
      }
    })());

    return {
      samples,
      health,
      writers,
      async stop() {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  /** Every answer within 5 s, never a network error, a hang or a 500; every failure a 503 in the envelope. */
  function expectFailFast(samples: Sample[]) {
    const slow = samples.filter((s) => s.ms >= LIMIT_MS || s.error);
    expect(slow.map((s) => `${s.kind} ${s.status} ${s.ms} ms ${s.error ?? ''}`)).toEqual([]);
    const unexpected = samples.filter((s) => ![200, 201, 503].includes(s.status) && !(s.status === 412 && s.afterDoubt));
    expect(unexpected.map((s) => `${s.kind} ${s.status} ${JSON.stringify(s.body).slice(0, 300)}`)).toEqual([]);
    for (const s of samples.filter((x) => x.status === 503)) {
      expect(s.body).toEqual({ status_code: 3000, status_message: expect.any(String), timestamp: expect.stringMatching(/Z$/) });
      expect(s.retryAfter).toBe('5');
    }
  }

  /**
   * The database goes away under load for `holdMs` and comes back. Around the moment it goes, a
   * burst of large PUTs (12 EVSEs instead of 2) is sent, so that writes are in flight when it dies.
   */
  async function outage(
    round: string,
    stopDatabase: () => Promise<void>,
    startDatabase: () => Promise<void>,
    /** While the database is frozen each answer takes ~2 s, so fewer fit in the window. */
    { holdMs, minAnswersDuringOutage, minProbesDuringOutage }: { holdMs: number; minAnswersDuringOutage: number; minProbesDuringOutage: number },
  ) {
    const burstMarker = (id: string) => `burst ${id.slice(-2)}`;
    const burstIds = Array.from({ length: BURST }, (_, i) => `OUT-${round}-B${i}`);
    const burstBefore: Record<string, any>[] = [];
    for (const id of burstIds) burstBefore.push((await call('setup', 'POST', STATIONS, stationBody(id))).body!.data);
    const load = await startLoad(round);
    await sleep(1500);

    const burst = Promise.all(
      burstBefore.map(async (station, i) => {
        await sleep(i * BURST_SPACING_MS);
        const body = rewrite(station, burstMarker(station.charge_station_id), 12);
        return call('burst PUT', 'PUT', `${STATIONS}/${station.charge_station_id}`, body, { 'if-match': `"${station.etag}"` });
      }),
    );
    await sleep((BURST / 2) * BURST_SPACING_MS);
    const downAt = Date.now();
    await stopDatabase();
    const downDone = Date.now();
    await sleep(holdMs);
    const upAt = Date.now();
    await startDatabase();
    const upDone = Date.now();
    const deadline = upDone + 15_000;
    while (Date.now() < deadline && !load.samples.some((s) => s.start >= upDone && s.status === 200 && s.kind === 'GET one')) await sleep(50);
    await sleep(2000);
    await load.stop();
    const burstAnswers = await burst;

    const { samples, health } = load;
    const all = [...samples, ...health, ...burstAnswers];
    if (process.env.OUTAGE_TRACE) {
      // OUTAGE_TRACE=1: the timeline around the outage (ms from its start) and the service's last log lines.
      for (const x of [...all].sort((a, b) => a.start - b.start).filter((x) => x.start > downAt - 500)) {
        process.stderr.write(`${x.start - downAt} ${x.kind} ${x.status} ${x.ms} ms ${x.error ?? ''}\n`);
      }
      process.stderr.write(`${service.output().slice(-4000)}\n`);
    }
    expectFailFast(all);
    // Before the outage: all fine. While the database was away: nothing could succeed, and the
    // service said so at once.
    expect(samples.filter((s) => s.end < downAt && s.status >= 300)).toEqual([]);
    const duringOutage = all.filter((s) => s.start > downDone && s.end < upAt);
    expect(duringOutage.length).toBeGreaterThanOrEqual(minAnswersDuringOutage);
    expect(duringOutage.filter((s) => s.status !== 503)).toEqual([]);
    const healthDown = health.filter((s) => s.start > downDone && s.end < upAt);
    expect(healthDown.length).toBeGreaterThanOrEqual(minProbesDuringOutage);
    expect(healthDown.filter((s) => s.ms > HEALTH_LIMIT_MS)).toEqual([]);
    // Back: the same process serves again, within a bounded time, with no restart.
    const firstOk = samples.find((s) => s.start >= upDone && s.status === 200 && s.kind === 'GET one');
    const firstReady = health.find((s) => s.start >= upDone && s.status === 200);
    expect(firstOk).toBeDefined();
    expect(firstReady).toBeDefined();
    const lastFailure = Math.max(0, ...all.filter((s) => s.status !== 200 && s.status !== 201).map((s) => s.end));
    expect(lastFailure - upDone).toBeLessThan(3000);
    expect(samples.filter((s) => s.start > lastFailure).length).toBeGreaterThan(50);
    expect(service.running).toBe(true);

    // Writes in flight: each burst station holds the whole new version (name and all 12 EVSEs)
    // or the whole old one; a 200 means the new one.
    let burstStored = 0;
    for (const [i, answer] of burstAnswers.entries()) {
      const stored = (await call('check', 'GET', `${STATIONS}/${burstIds[i]}`)).body!.data;
      const marker = burstMarker(burstIds[i]);
      if (stored.name === marker) {
        burstStored++;
        expect(stored.evses.map((e: { physical_reference?: string }) => e.physical_reference)).toEqual(Array(12).fill(marker));
      } else {
        expect(answer.status).not.toBe(200);
        expect(stored).toEqual(burstBefore[i]);
      }
    }
    await expectWritesAtomic(load.writers);

    const burstInFlight = burstAnswers.filter((a) => a.start < downAt && a.end > downAt).length;
    const during = all.filter((s) => s.start >= downAt && s.start < upDone);
    const figures = {
      round,
      requests: all.length,
      duringOutage: during.length,
      status503: all.filter((s) => s.status === 503).length,
      maxMsDuringOutage: Math.max(...during.map((s) => s.ms)),
      maxHealthMsDuringOutage: Math.max(...health.filter((s) => s.start >= downAt && s.start < upDone).map((s) => s.ms)),
      stopMs: downDone - downAt,
      databaseBackMs: upDone - upAt,
      firstSuccessAfterBackMs: firstOk!.end - upDone,
      readyAfterBackMs: firstReady!.end - upDone,
      lastFailureAfterBackMs: lastFailure - upDone,
      burst: `${burstInFlight} in flight when the database went, ${burstAnswers.filter((a) => a.status === 200).length} acknowledged, ${burstStored} stored of ${BURST}`,
      writesRefused: samples.filter((x) => (x.kind === 'PUT' || x.kind === 'PATCH') && x.status === 503).length,
      status412AfterDoubt: all.filter((s) => s.status === 412).length,
    };
    process.stderr.write(`[outage] ${JSON.stringify(figures)}\n`);
    return { burstInFlight };
  }

  /** Each writer's station holds its last acknowledged write or one left in doubt, and holds it whole. */
  async function expectWritesAtomic(writers: Writer[]) {
    expect(writers.length).toBe(PATCH_LOOPS + PUT_LOOPS);
    for (const writer of writers) {
      const stored = (await call('check', 'GET', `${STATIONS}/${writer.id}`)).body!.data;
      expect([writer.acked, ...writer.inDoubt]).toContain(stored.name);
      if (writer.kind === 'PUT' && stored.name !== `Station ${writer.id}`) {
        expect(stored.evses.map((e: { physical_reference?: string }) => e.physical_reference)).toEqual([stored.name, stored.name]);
      }
    }
  }

  async function expectDataIntactAndWritable(round: string) {
    for (const id of readIds) {
      const now = await call('check', 'GET', `${STATIONS}/${id}`);
      expect(now.status).toBe(200);
      expect(now.body!.data).toEqual(before.get(id));
    }
    const created = await call('check', 'POST', STATIONS, stationBody(`OUT-${round}-NEW`));
    expect(created.status).toBe(201);
    expect((await call('check', 'GET', `${STATIONS}/OUT-${round}-NEW`)).body!.data).toEqual(created.body!.data);
  }

  it('mariadb-admin shutdown under load: 503 within 5 s, /health/ready 503, recovers without a restart', async () => {
    const pid = service.pid;
    await outage('SHUT', () => db.shutdown(), () => db.start(), { holdMs: 3000, minAnswersDuringOutage: 50, minProbesDuringOutage: 5 });
    await expectDataIntactAndWritable('SHUT');
    expect(service.pid).toBe(pid);
  }, 60_000);

  it('kill -9 of mariadbd under load: the same, and writes in flight are stored whole or not at all', async () => {
    const pid = service.pid;
    const { burstInFlight } = await outage('KILL', () => db.signal('SIGKILL'), () => db.start(), { holdMs: 3000, minAnswersDuringOutage: 50, minProbesDuringOutage: 5 });
    expect(burstInFlight).toBeGreaterThan(0);
    await expectDataIntactAndWritable('KILL');
    expect(service.pid).toBe(pid);
  }, 60_000);

  it('a frozen database (SIGSTOP): requests still answer 503 within 5 s; SIGCONT and it serves again', async () => {
    const pid = service.pid;
    await outage('FREEZE', () => db.signal('SIGSTOP'), () => db.signal('SIGCONT'), { holdMs: 6000, minAnswersDuringOutage: 12, minProbesDuringOutage: 1 });
    await expectDataIntactAndWritable('FREEZE');
    expect(service.pid).toBe(pid);
  }, 60_000);
});
