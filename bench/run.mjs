/* global fetch, URL, setTimeout, clearTimeout, setInterval, clearInterval -- Node 20 globals (the ESLint config declares none for .mjs) */
// The benchmark of issue 6. Run after a build:
//
//   npm run build && node bench/run.mjs [--quick] [--skip-sqlite] [--profile]
//
// Starts a throwaway MariaDB (re-executing itself under scripts/with-mariadb.sh), generates the
// dataset with the CLI (`demo:generate`), starts the production build (`node dist/main.js`, with the
// Node flags of `npm start`) and
// drives it with autocannon on 127.0.0.1: GET one station, GET a list page of 100, PUT with the
// current etag, PATCH of one field, and crawls that follow `Link`. Against the same database it
// runs the raw baseline (bench/baseline-server.mjs) for GET one station, in rounds alternating with
// the service's, and checks that both answer the same JSON. Then the same on a fresh SQLite file. Writes bench/RESULTS.md and
// bench/results.json. --quick: 1k/2k stations, 5 s per scenario (about 2 minutes). Full: 10k/100k
// stations, 10 s per scenario (well under 10 minutes on 2 cores). --profile: also records a CPU
// profile of the service during GET one station on MariaDB and summarises it in RESULTS.md.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import { freePort } from '../scripts/free-port.mjs';
import { rerunUnderMariadb } from '../scripts/rerun-under-mariadb.mjs';
import { startFlags } from '../scripts/start-flags.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-sqlite': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench', 'RESULTS.md') },
  },
});

// ---------------------------------------------------------------------------------------------
// 1. Make sure we run under a throwaway MariaDB.
for (const file of ['dist/main.js', 'dist/cli/main.js']) {
  if (!existsSync(join(ROOT, file))) {
    console.error(`${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}
// The 100k dataset is ~500 MB in InnoDB (documents ~330 MB): a buffer pool that holds it, as any
// MariaDB sized for its data would have, instead of the server's 128 MB default (with which most
// document reads went to the page cache: twice the MariaDB CPU per list page). The baseline runs
// against the same server.
process.env.WITH_MARIADB_OPTIONS ??= '--innodb-buffer-pool-size=1G';
await rerunUnderMariadb(ROOT, SELF, 'BENCH_UNDER_MARIADB');

const QUICK = flags.quick;
const CONFIG = QUICK
  ? { sizes: [1000, 2000], duration: 5, warmup: 1 }
  : { sizes: [10_000, 100_000], duration: 10, warmup: 2 };
const GET_CONNECTIONS = 32;
const WRITE_CONNECTIONS = 10;
const LIST_CONNECTIONS = 10;
/** Stations the PUT writers share out (more than writers, so a lost response never starves one). */
const PUT_STATIONS = 3 * WRITE_CONNECTIONS;
const PAGE = 100;
const MARIADB_URL = process.env.TEST_DATABASE_URL;
if (!MARIADB_URL) throw new Error('TEST_DATABASE_URL is not set (scripts/with-mariadb.sh sets it)');
const OCPP_PUBLIC_URL = 'ws://localhost:3000/ocpp';
const started = Date.now();
const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
const log = (line) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (n, digits = 0) => (n === null || n === undefined || Number.isNaN(n) ? null : Number(n.toFixed(digits)));
const median = (list) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};


function run(command, args, env) {
  return new Promise((res, rej) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      children.delete(child);
      if (code === 0) res(out);
      else rej(new Error(`${command} ${args.join(' ')} exited with ${code}\n${err}${out}`));
    });
  });
}

function dbEnv(db) {
  const env = { ...process.env, DEMO_SEED: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', OCPP_PUBLIC_URL, NODE_ENV: 'production' };
  delete env.TEST_DATABASE_URL;
  if (db.kind === 'mariadb') {
    env.DATABASE_URL = db.url;
    delete env.SQLITE_PATH;
  } else {
    env.DATABASE_URL = '';
    env.SQLITE_PATH = db.sqlitePath;
  }
  return env;
}

/** `demo:generate`; returns the write token (the last line) and the CLI's wall time. */
async function generate(db, stations) {
  const t0 = performance.now();
  const out = await run(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), 'demo:generate', '--stations', String(stations), '--cpo', 'BENCH'], dbEnv(db));
  const seconds = (performance.now() - t0) / 1000;
  const lines = out.trim().split('\n');
  return { token: lines[lines.length - 1].trim(), seconds, summary: lines[0] };
}

/** The service runs with the Node flags of `npm start` (package.json), as operators run it. */
const START_FLAGS = startFlags(ROOT);

/** A started server process with an RSS sampler. */
async function startProcess(name, args, env, port, readyPath) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-20000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-20000)));
  child.on('exit', () => children.delete(child));
  const spawnedAt = Date.now();
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up:\n${output}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}${readyPath}`);
      await r.arrayBuffer();
      if (r.status < 500) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer within 60 s:\n${output}`);
    await sleep(100);
  }
  const proc = {
    name,
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    peak: 0,
    readyAfterMs: Date.now() - spawnedAt,
    output: () => output,
    rssKb() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return { rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0), hwm: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) };
      } catch {
        return { rss: 0, hwm: 0 };
      }
    },
    resetPeak() {
      this.peak = this.rssKb().rss;
    },
    async stop() {
      clearInterval(this.sampler);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
  proc.sampler = setInterval(() => {
    const { rss } = proc.rssKb();
    if (rss > proc.peak) proc.peak = rss;
  }, 100);
  proc.sampler.unref();
  return proc;
}

const startService = async (db, extraArgs = []) =>
  startProcess(`service (${db.kind})`, [...START_FLAGS, ...extraArgs, join(ROOT, 'dist', 'main.js')], dbEnv(db), await freePort(), '/health/ready');

async function startBaseline(db, token) {
  const env = { ...process.env, DATABASE_URL: db.url, BASELINE_TOKEN: token, BASELINE_CPO: 'BENCH', OCPP_PUBLIC_URL };
  return startProcess('baseline', [join(ROOT, 'bench', 'baseline-server.mjs')], env, await freePort(), '/health');
}

/** User and system CPU time of a process so far, in ms (/proc/<pid>/stat; 0 when unreadable). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const tick = 1000 / 100; // USER_HZ
    return { user: Number(fields[11]) * tick, system: Number(fields[12]) * tick };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** The pid of the throwaway mariadbd (scripts/with-mariadb.sh keeps its pid file beside the socket). */
function mariadbPid() {
  try {
    return Number(readFileSync(join(dirname(process.env.MARIADB_SOCKET ?? ''), 'pid'), 'utf8'));
  } catch {
    return 0;
  }
}

/** MariaDB's statement counter (`Questions`), to report statements per request. */
async function questions(db) {
  if (db.kind !== 'mariadb') return undefined;
  const [[row]] = await db.admin.query("SHOW GLOBAL STATUS LIKE 'Questions'");
  return Number(row.Value);
}

const stationId = (n) => `BENCH-${String(n).padStart(6, '0')}`;
const randomStation = (n) => stationId(1 + Math.floor(Math.random() * n));

/** One autocannon run (after a short warm-up), with the server's peak RSS and statements per request. */
async function load(proc, db, name, { connections, requests, duration = CONFIG.duration, warmup = CONFIG.warmup, headers, latencies, quiet = false }) {
  const options = { url: proc.base, connections, pipelining: 1, headers, requests };
  if (warmup > 0) await autocannon({ ...options, duration: warmup });
  proc.resetPeak();
  const q0 = await questions(db);
  const dbPid = db.kind === 'mariadb' ? mariadbPid() : 0;
  const [s0, d0] = [cpuMs(proc.child.pid), cpuMs(dbPid)];
  const instance = autocannon({ ...options, duration });
  if (latencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  const [s1, d1] = [cpuMs(proc.child.pid), cpuMs(dbPid)];
  const q1 = await questions(db);
  const perRequest = (ms) => round(ms / Math.max(1, result.requests.total), 3);
  const ok = result['2xx'];
  const entry = {
    scenario: name,
    server: proc.name,
    connections,
    duration,
    /** Seconds the load actually ran. */
    elapsed: (result.finish - result.start) / 1000,
    requests: result.requests.total,
    rps: round(result.requests.average, 0),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    peakRssMb: round(proc.peak / 1024, 0),
    statementsPerRequest: q0 === undefined ? null : round((q1 - q0) / Math.max(1, result.requests.total), 1),
    // CPU per request (ms): less sensitive than req/s to other work on the machine.
    cpuUserMsPerRequest: perRequest(s1.user - s0.user),
    cpuSystemMsPerRequest: perRequest(s1.system - s0.system),
    dbCpuMsPerRequest: dbPid ? perRequest(d1.user + d1.system - d0.user - d0.system) : null,
    load1: round(os.loadavg()[0], 1),
  };
  if (!quiet) logEntry(entry);
  return entry;
}

function logEntry(entry) {
  log(`${entry.scenario} on ${entry.server}: ${entry.rps} req/s, p50 ${entry.p50} ms, p99 ${entry.p99} ms, non-2xx ${entry.non2xx}, errors ${entry.errors}, peak RSS ${entry.peakRssMb} MB, CPU/request ${entry.cpuUserMsPerRequest} + ${entry.cpuSystemMsPerRequest} ms (db ${entry.dbCpuMsPerRequest ?? '-'} ms)` +
      (entry.statementsPerRequest === null ? '' : `, ${entry.statementsPerRequest} statements/request`));
}

/** Rounds per server of an alternating comparison, and their order (A B B A …: a drift of the host's speed hits both alike). */
const ALTERNATING_ROUNDS = 4;
const ROUND_SECONDS = Math.max(1, Math.round(CONFIG.duration / ALTERNATING_ROUNDS));

/**
 * The same scenario on several servers in alternating rounds rather than one after the other: on a
 * shared machine the speed of the CPU changes from minute to minute, and a comparison of runs a
 * minute apart measures that too. Each server gets about CONFIG.duration in all; its entry merges
 * its rounds (req/s over the time they ran, p50/p99 from every response's latency).
 */
async function loadAlternating(procs, db, name, options) {
  for (const proc of procs) await autocannon({ url: proc.base, connections: options.connections, pipelining: 1, headers: options.headers, requests: options.requests, duration: CONFIG.warmup });
  const rounds = new Map(procs.map((proc) => [proc, { entries: [], latencies: [], peak: 0 }]));
  for (let index = 0; index < ALTERNATING_ROUNDS; index++) {
    const order = index % 2 === 0 ? procs : [...procs].reverse();
    for (const proc of order) {
      const mine = rounds.get(proc);
      const entry = await load(proc, db, name, { ...options, duration: ROUND_SECONDS, warmup: 0, latencies: mine.latencies, quiet: true });
      mine.entries.push(entry);
    }
  }
  return procs.map((proc) => {
    const { entries, latencies } = rounds.get(proc);
    latencies.sort((a, b) => a - b);
    const at = (q) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0, 1);
    const requests = entries.reduce((sum, e) => sum + e.requests, 0);
    const weighted = (key) => (entries.some((e) => e[key] === null) ? null : round(entries.reduce((sum, e) => sum + e[key] * e.requests, 0) / Math.max(1, requests), 3));
    const sum = (key) => entries.reduce((total, e) => total + e[key], 0);
    const entry = {
      scenario: name,
      server: proc.name,
      connections: options.connections,
      duration: ROUND_SECONDS * ALTERNATING_ROUNDS,
      rounds: entries.map((e) => round(e.requests / e.elapsed, 0)),
      requests,
      rps: round(requests / sum('elapsed'), 0),
      p50: at(0.5),
      p99: at(0.99),
      max: Math.max(...entries.map((e) => e.max)),
      ok: sum('ok'),
      non2xx: sum('non2xx'),
      errors: sum('errors'),
      timeouts: sum('timeouts'),
      peakRssMb: Math.max(...entries.map((e) => e.peakRssMb)),
      statementsPerRequest: entries[0].statementsPerRequest === null ? null : round(weighted('statementsPerRequest'), 1),
      cpuUserMsPerRequest: weighted('cpuUserMsPerRequest'),
      cpuSystemMsPerRequest: weighted('cpuSystemMsPerRequest'),
      dbCpuMsPerRequest: weighted('dbCpuMsPerRequest'),
      load1: entries[entries.length - 1].load1,
    };
    logEntry(entry);
    log(`  rounds of ${ROUND_SECONDS} s: ${entry.rounds.join(', ')} req/s`);
    return entry;
  });
}

/** Follows `Link: rel="next"` from the first page to the end; times every page. */
async function crawl(proc, token, expected) {
  const headers = { authorization: `Token ${token}` };
  const first = `${proc.base}/api/1.0/ChargeStations?limit=${PAGE}`;
  for (let i = 0; i < 20; i++) await (await fetch(first, { headers })).arrayBuffer(); // warm-up
  proc.resetPeak();
  const times = [];
  let url = first;
  let seen = 0;
  const ids = new Set();
  const t0 = performance.now();
  while (url) {
    const t = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.json();
    times.push(performance.now() - t);
    if (response.status !== 200) throw new Error(`crawl: ${response.status} at ${url}: ${JSON.stringify(body).slice(0, 300)}`);
    for (const station of body.data) ids.add(station.charge_station_id);
    seen += body.data.length;
    const link = response.headers.get('link');
    url = link ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
  }
  const total = performance.now() - t0;
  const k = Math.min(10, Math.floor(times.length / 2) || 1);
  const entry = {
    stations: expected,
    pages: times.length,
    seen,
    distinct: ids.size,
    complete: ids.size === expected && seen === expected,
    firstPageMs: round(times[0], 1),
    lastPageMs: round(times[times.length - 1], 1),
    firstPagesMedianMs: round(median(times.slice(0, k)), 1),
    lastPagesMedianMs: round(median(times.slice(-k)), 1),
    medianPageMs: round(median(times), 1),
    totalSeconds: round(total / 1000, 2),
    msPer1000Stations: round(total / (expected / 1000), 1),
    peakRssMb: round(proc.peak / 1024, 0),
  };
  entry.lastOverFirst = round(entry.lastPagesMedianMs / entry.firstPagesMedianMs, 2);
  log(`crawl of ${expected} on ${proc.name}: ${entry.pages} pages in ${entry.totalSeconds} s; first ${entry.firstPageMs} ms, last ${entry.lastPageMs} ms ` +
      `(medians of ${k}: ${entry.firstPagesMedianMs} → ${entry.lastPagesMedianMs} ms); ${entry.distinct} distinct stations`);
  if (!entry.complete) log(`WARNING: the crawl saw ${seen} stations (${ids.size} distinct), expected ${expected}`);
  return entry;
}

/** The cursors of a crawl's pages, for random list pages. */
async function cursors(proc, token, count) {
  const headers = { authorization: `Token ${token}` };
  const paths = [`/api/1.0/ChargeStations?limit=${PAGE}`];
  let url = `${proc.base}${paths[0]}`;
  while (url && paths.length < count) {
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    if (next) {
      const u = new URL(next);
      paths.push(u.pathname + u.search);
    }
    url = next;
  }
  return paths;
}

const auth = (token) => ({ authorization: `Token ${token}` });

function getOneScenario(n) {
  return [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/1.0/ChargeStations/${randomStation(n)}` }) }];
}

/**
 * PUT back a station as last answered, with a new name and its current etag. Stations wait in a
 * pool while not in flight, so no two concurrent writers ever share one (autocannon clears a
 * request's context between iterations, so state cannot live there).
 */
async function putScenario(proc, token, firstStation, count) {
  const pool = [];
  for (let i = 0; i < count; i++) {
    const r = await fetch(`${proc.base}/api/1.0/ChargeStations/${stationId(firstStation + i)}`, { headers: auth(token) });
    pool.push((await r.json()).data);
  }
  let counter = 0;
  return [
    {
      method: 'PUT',
      setupRequest: (req, context) => {
        context.station = pool.shift();
        if (!context.station) throw new Error('PUT pool exhausted');
        const body = { ...context.station, name: `bench put ${++counter}` };
        return {
          ...req,
          path: `/api/1.0/ChargeStations/${body.charge_station_id}`,
          headers: { ...req.headers, 'content-type': 'application/json', 'if-match': `"${body.etag}"` },
          body: JSON.stringify(body),
        };
      },
      onResponse: (status, body, context, headers) => {
        if (status === 200) pool.push(JSON.parse(body).data);
        else if (status === 412 && headers?.etag) pool.push({ ...context.station, etag: String(headers.etag).replace(/"/g, '') });
        else pool.push(context.station);
      },
    },
  ];
}

function patchScenario(n, avoid) {
  let counter = 0;
  return [
    {
      method: 'PATCH',
      setupRequest: (req) => {
        let k;
        do k = 1 + Math.floor(Math.random() * n);
        while (k >= avoid[0] && k < avoid[1]);
        return {
          ...req,
          path: `/api/1.0/ChargeStations/${stationId(k)}`,
          headers: { ...req.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `bench patch ${++counter}` }),
        };
      },
    },
  ];
}

/** GETs the same stations from both servers; compares the JSON without the envelope timestamp. */
async function compareJson(service, baseline, token, ids) {
  const problems = [];
  for (const id of ids) {
    const [a, b] = await Promise.all(
      [service, baseline].map(async (p) => {
        const r = await fetch(`${p.base}/api/1.0/ChargeStations/${id}`, { headers: auth(token) });
        const body = await r.json();
        delete body.timestamp;
        return { status: r.status, text: JSON.stringify(body) };
      }),
    );
    if (a.status !== b.status || a.text !== b.text) {
      let at = 0;
      while (at < a.text.length && a.text[at] === b.text[at]) at++;
      problems.push(`${id}: service ${a.status} vs baseline ${b.status}; first difference at ${at}: ` +
        `service …${a.text.slice(Math.max(0, at - 60), at + 60)}… baseline …${b.text.slice(Math.max(0, at - 60), at + 60)}…`);
    }
  }
  return { compared: ids.length, identical: problems.length === 0, problems };
}

/** Self time of a V8 .cpuprofile grouped by function and by package. */
function summariseProfile(file, skipMs) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  // Leave out start-up (module loading, migrations): only samples after the server was ready.
  let elapsed = 0;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    elapsed += dt[i] ?? 0;
    if (elapsed < skipMs * 1000) continue;
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map();
  const pkg = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const url = callFrame.url || '(native)';
    const where = url.includes('node_modules/')
      ? url.split('node_modules/').pop().split('/').slice(0, url.split('node_modules/').pop().startsWith('@') ? 2 : 1).join('/')
      : url.includes('/dist/')
        ? `dist/${url.split('/dist/').pop().split('/')[0]}`
        : url.startsWith('node:')
          ? 'node core'
          : callFrame.functionName.startsWith('(')
            ? callFrame.functionName
            : '(native code: socket writes, crypto, …)';
    const key = `${callFrame.functionName || '(anonymous)'} — ${url.replace(/^file:\/\/.*?node_modules\//, '').replace(/^file:\/\/.*?\/dist\//, 'dist/')}:${callFrame.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    pkg.set(where, (pkg.get(where) ?? 0) + us);
  }
  const top = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, percent: round((100 * us) / total, 1) }));
  return { totalMs: round(total / 1000, 0), packages: top(pkg, 15), functions: top(fn, 25) };
}

// ---------------------------------------------------------------------------------------------
// 2. The runs.
const results = { quick: QUICK, config: CONFIG, databases: {}, generation: [], comparisons: null, profile: null };

async function benchDatabase(db) {
  const out = { scenarios: [], crawls: [], baseline: null };
  results.databases[db.kind] = out;
  const [small, large] = CONFIG.sizes;

  log(`${db.kind}: generating ${small} stations`);
  let gen = await generate(db, small);
  results.generation.push({ db: db.kind, stations: small, total: small, seconds: round(gen.seconds, 1) });
  const token = gen.token;

  let service = await startService(db);
  log(`${db.kind}: service up on ${service.base}`);
  out.crawls.push(await crawl(service, token, small));

  log(`${db.kind}: generating ${large - small} more stations (${large} in all)`);
  gen = await generate(db, large - small);
  results.generation.push({ db: db.kind, stations: large - small, total: large, seconds: round(gen.seconds, 1) });
  out.crawls.push(await crawl(service, token, large));

  const pagePaths = await cursors(service, token, 200);
  const n = large;

  const getOne = { connections: GET_CONNECTIONS, headers: auth(token), requests: getOneScenario(n) };
  if (db.kind === 'mariadb') {
    const baseline = await startBaseline(db, token);
    const sample = [1, 2, Math.floor(n / 2), n - 1, n].map(stationId);
    results.comparisons = await compareJson(service, baseline, token, sample);
    log(`JSON of service and baseline ${results.comparisons.identical ? 'identical' : 'DIFFER'} on ${sample.length} stations`);
    for (const p of results.comparisons.problems) log(`  ${p}`);
    const [serviceGet, baselineGet] = await loadAlternating([service, baseline], db, 'GET one station', getOne);
    out.scenarios.push(serviceGet);
    out.baseline = { ...baselineGet, vmHwmMb: round(baseline.rssKb().hwm / 1024, 0) };
    await baseline.stop();
  } else {
    out.scenarios.push(await load(service, db, 'GET one station', getOne));
  }
  out.scenarios.push(
    await load(service, db, 'GET list page of 100', {
      connections: LIST_CONNECTIONS,
      headers: auth(token),
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: pagePaths[Math.floor(Math.random() * pagePaths.length)] }) }],
    }),
  );
  out.scenarios.push(await load(service, db, 'PUT with etag', { connections: WRITE_CONNECTIONS, headers: auth(token), requests: await putScenario(service, token, 1, PUT_STATIONS) }));
  out.scenarios.push(
    await load(service, db, 'PATCH one field', { connections: WRITE_CONNECTIONS, headers: auth(token), requests: patchScenario(n, [1, 1 + PUT_STATIONS]) }),
  );
  out.serviceVmHwmMb = round(service.rssKb().hwm / 1024, 0);
  await service.stop();

  if (db.kind === 'mariadb') {
    if (flags.profile) {
      const dir = mkdtempSync(join(os.tmpdir(), 'bench-prof-'));
      service = await startService(db, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
      const readyAfterMs = service.readyAfterMs;
      const profiled = await load(service, db, 'GET one station (profiled)', { connections: GET_CONNECTIONS, headers: auth(token), requests: getOneScenario(n), warmup: 1 });
      await service.stop();
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (file) results.profile = { run: profiled, ...summariseProfile(join(dir, file), readyAfterMs + 500) };
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

const mariadb = { kind: 'mariadb', url: MARIADB_URL };
mariadb.admin = await mysql.createConnection({ uri: MARIADB_URL });
const [[{ v: mariadbVersion, pool: bufferPool }]] = await mariadb.admin.query('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS pool');

try {
  await benchDatabase(mariadb);
  if (!flags['skip-sqlite']) {
    const dir = mkdtempSync(join(os.tmpdir(), 'bench-sqlite-'));
    try {
      await benchDatabase({ kind: 'sqlite', sqlitePath: join(dir, 'bench.sqlite') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await mariadb.admin.end();
}

// ---------------------------------------------------------------------------------------------
// 3. The report.
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};
const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
let commit = '?';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
  // not a git checkout
}
results.machine = {
  nproc: os.availableParallelism?.() ?? os.cpus().length,
  memoryGb: round(os.totalmem() / 1024 ** 3, 1),
  cpu: cpuModel,
  kernel: os.release(),
  node: process.version,
  mariadb: mariadbVersion,
  mariadbBufferPoolMb: Math.round(Number(bufferPool) / 2 ** 20),
  commit,
  packages: Object.fromEntries(
    ['@nestjs/core', '@nestjs/platform-fastify', 'fastify', 'typeorm', 'mysql2', 'better-sqlite3', 'autocannon'].map((p) => [p, pkgVersion(p)]),
  ),
  date: new Date().toISOString(),
  loadAtStart,
  loadAtEnd: os.loadavg().map((l) => round(l, 2)),
  wallSeconds: round((Date.now() - started) / 1000, 0),
};

const m = results.databases.mariadb;
const sc = (db, name) => results.databases[db]?.scenarios.find((s) => s.scenario === name);
const getM = sc('mariadb', 'GET one station');
const base = m.baseline;
const crawlLarge = m.crawls[1];
const crawlSmall = m.crawls[0];
const allRss = Object.values(results.databases).flatMap((d) => [...d.scenarios.map((s) => s.peakRssMb), ...d.crawls.map((c) => c.peakRssMb)]);
const maxRss = Math.max(...allRss);
const linearity = round(crawlLarge.msPer1000Stations / crawlSmall.msPer1000Stations, 2);
const listM = sc('mariadb', 'GET list page of 100');
const putM = sc('mariadb', 'PUT with etag');
results.targets = [
  { target: 'GET one station (MariaDB) ≥ 70 % of the baseline req/s', value: `${round((100 * getM.rps) / base.rps, 0)} % (${getM.rps} vs ${base.rps} req/s)`, met: getM.rps >= 0.7 * base.rps },
  { target: 'GET one station (MariaDB) p99 ≤ 2 × the baseline p99', value: `${getM.p99} ms vs ${base.p99} ms (${round(getM.p99 / base.p99, 1)} ×)`, met: getM.p99 <= 2 * base.p99 },
  { target: 'List page of 100 (MariaDB, 10 clients) p99 ≤ 50 ms', value: `${listM.p99} ms`, met: listM.p99 <= 50 },
  {
    target: `Crawl of ${crawlLarge.stations} by Link: last page ≤ 1.5 × the first`,
    value: `${crawlLarge.lastPagesMedianMs} ms vs ${crawlLarge.firstPagesMedianMs} ms (${crawlLarge.lastOverFirst} ×; medians of the first/last 10 pages)`,
    met: crawlLarge.lastOverFirst <= 1.5,
  },
  {
    target: `Crawl time linear in N (${crawlSmall.stations} → ${crawlLarge.stations}; time per 1000 stations within 1.25 ×)`,
    value: `${crawlSmall.totalSeconds} s → ${crawlLarge.totalSeconds} s; ${crawlSmall.msPer1000Stations} → ${crawlLarge.msPer1000Stations} ms per 1000 (${linearity} ×)`,
    met: linearity <= 1.25,
  },
  { target: 'PUT with etag (MariaDB, 10 writers, distinct stations) ≥ 500 req/s', value: `${putM.rps} req/s (non-2xx ${putM.non2xx})`, met: putM.rps >= 500 && putM.non2xx === 0 },
  { target: 'Peak RSS of the service under these loads ≤ 300 MB', value: `${maxRss} MB`, met: maxRss <= 300 },
];
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const lines = [];
const row = (cells) => lines.push(`| ${cells.join(' | ')} |`);
lines.push('# Benchmark results', '');
lines.push(`Produced by \`node bench/run.mjs${QUICK ? ' --quick' : ''}\` on ${results.machine.date} (commit ${commit} plus the working tree; ${results.machine.wallSeconds} s wall time).` +
  (QUICK ? ' **Quick mode: small dataset and short runs; figures are indicative only.**' : ''));
lines.push('The load generator (autocannon) shares the machine with the server and the database: compare ratios measured in this run, not absolute numbers across machines.', '');
lines.push('## Machine and versions', '');
row(['', '']);
row(['---', '---']);
row(['CPU', `${results.machine.cpu} (nproc ${results.machine.nproc})`]);
row(['Memory', `${results.machine.memoryGb} GB`]);
row(['Kernel', results.machine.kernel]);
row(['Node', results.machine.node]);
row(['MariaDB', `${mariadbVersion} (throwaway instance, scripts/with-mariadb.sh, innodb_flush_log_at_trx_commit=2, innodb_buffer_pool_size=${Math.round(Number(bufferPool) / 2 ** 20)} MB)`]);
row(['Load average (1, 5, 15 min)', `${results.machine.loadAtStart.join(', ')} at start; ${results.machine.loadAtEnd.join(', ')} at the end (other work on the machine skews absolute figures)`]);
row(['Packages', Object.entries(results.machine.packages).map(([k, v]) => `${k} ${v}`).join(', ')]);
lines.push('');
lines.push('## Targets (issue 6)', '');
row(['Target', 'Reached', 'Met?']);
row(['---', '---', '---']);
for (const t of results.targets) row([t.target, t.value, t.met ? 'met' : '**missed**']);
lines.push('');
lines.push('## Scenarios', '');
lines.push(`Dataset: ${CONFIG.sizes[1]} stations × 2 EVSEs × 2 connectors over ${CONFIG.sizes[1] / 10} locations, one CPO (\`demo:generate\`). ` +
  `${CONFIG.duration} s per scenario after a ${CONFIG.warmup} s warm-up. GET one: ${GET_CONNECTIONS} connections, random station ids; on MariaDB the service and the raw baseline ` +
  `in alternating rounds (${ALTERNATING_ROUNDS} × ${ROUND_SECONDS} s each, in the order service, baseline, baseline, service, …; ` +
  `p50/p99 over every response of the rounds), so that a change of the host's speed hits both alike. ` +
  `List: ${LIST_CONNECTIONS} connections, \`limit=100\` at random keyset cursors taken from a crawl (the first page counts the total, the others carry it in their cursor). ` +
  `PUT: ${WRITE_CONNECTIONS} connections over ${PUT_STATIONS} stations, never two on one station at a time; the station as last answered, with a new name and its etag in \`If-Match\`. ` +
  `PATCH: ${WRITE_CONNECTIONS} connections, \`{"name": …}\` on random other stations, no etag. ` +
  'Peak RSS: the highest VmRSS of the process sampled every 100 ms during the scenario. Statements/request: MariaDB `Questions` delta ÷ requests. ' +
  'CPU ms/request: the process\'s user and system CPU time (/proc/<pid>/stat) during the scenario ÷ requests; it moves far less than req/s when other work shares the machine.', '');
row(['Database', 'Scenario', 'Server', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'peak RSS MB', 'statements/request', 'server CPU ms/request (user + sys)', 'MariaDB CPU ms/request', 'vs baseline', 'load1 after']);
row(['---', '---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
const cpuCell = (s) => `${s.cpuUserMsPerRequest} + ${s.cpuSystemMsPerRequest}`;
for (const [kind, d] of Object.entries(results.databases)) {
  for (const s of d.scenarios) {
    const ratio = kind === 'mariadb' && s.scenario === 'GET one station' && d.baseline ? `${round(s.rps / d.baseline.rps, 2)} (p99 ${round(s.p99 / d.baseline.p99, 1)} ×)` : '';
    row([kind, s.scenario, 'service', s.rps, s.p50, s.p99, s.non2xx, s.errors, s.peakRssMb, s.statementsPerRequest ?? '', cpuCell(s), s.dbCpuMsPerRequest ?? '', ratio, s.load1]);
  }
  if (d.baseline) {
    const s = d.baseline;
    row([kind, s.scenario, '**raw baseline**', s.rps, s.p50, s.p99, s.non2xx, s.errors, s.peakRssMb, s.statementsPerRequest ?? '', cpuCell(s), s.dbCpuMsPerRequest ?? '', '1.00', s.load1]);
  }
}
lines.push('');
lines.push(`Service VmHWM (whole life, incl. crawls): ${Object.entries(results.databases).map(([k, d]) => `${k} ${d.serviceVmHwmMb} MB`).join(', ')}.`);
if (results.comparisons) {
  lines.push('', `JSON check: service and baseline answers compared on ${results.comparisons.compared} stations (envelope \`timestamp\` ignored, key order included): ` +
    (results.comparisons.identical ? '**identical**.' : '**different**:'));
  for (const p of results.comparisons.problems) lines.push(`- ${p}`);
}
lines.push('', '## Crawl by `Link` (limit 100)', '');
row(['Database', 'Stations', 'Pages', 'Complete', 'First page ms', 'Last page ms', 'Median first 10 ms', 'Median last 10 ms', 'Last / first', 'Median page ms', 'Total s', 'ms per 1000 stations', 'Peak RSS MB']);
row(['---', '---:', '---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
for (const [kind, d] of Object.entries(results.databases)) {
  for (const c of d.crawls) {
    row([kind, c.stations, c.pages, c.complete ? 'yes' : `**no** (${c.distinct})`, c.firstPageMs, c.lastPageMs, c.firstPagesMedianMs, c.lastPagesMedianMs, c.lastOverFirst, c.medianPageMs, c.totalSeconds, c.msPer1000Stations, c.peakRssMb]);
  }
}
lines.push('', '## Dataset generation (`demo:generate`, CLI wall time incl. start-up and migrations)', '');
row(['Database', 'Stations added', 'Total stations', 'Seconds']);
row(['---', '---:', '---:', '---:']);
for (const g of results.generation) row([g.db, g.stations, g.total, g.seconds]);
if (results.profile) {
  lines.push('', '## CPU profile of the service: GET one station on MariaDB', '');
  lines.push(`${results.profile.run.rps} req/s while profiled (\`node --cpu-prof\`); ${results.profile.totalMs} ms of samples after start-up (warm-up and load). Self time by package:`, '');
  row(['Package / area', '% self time']);
  row(['---', '---:']);
  for (const p of results.profile.packages) row([p.name, p.percent]);
  lines.push('', 'Top functions by self time:', '');
  row(['Function', '% self time']);
  row(['---', '---:']);
  for (const f of results.profile.functions) row([`\`${f.name}\``, f.percent]);
}
const analysisFile = join(ROOT, 'bench', 'ANALYSIS.md');
if (existsSync(analysisFile)) lines.push('', readFileSync(analysisFile, 'utf8').trim());
lines.push('');
writeFileSync(flags.out, lines.join('\n'));
log(`wrote ${flags.out} and bench/results.json`);
