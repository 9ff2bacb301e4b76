/* global setTimeout, clearTimeout, setInterval, clearInterval -- Node 20 globals (the ESLint config declares none for .mjs) */
// The soak of issue 8. Run after a build:
//
//   npm run build && node scripts/reliability/soak.mjs [--duration 600] [--rate 200] [--db mariadb|sqlite]
//        [--stations 1000] [--warmup 120] [--out docs/soak-results.md]
//
// Starts a throwaway MariaDB (re-executing itself under scripts/with-mariadb.sh; --db sqlite: a
// fresh SQLite file instead), creates the dataset with the CLI (`demo:generate`), starts the
// production build (`node dist/main.js` with npm start's flags, rate limit on at its default) and
// sends it a steady, open-loop mixed load at a fixed total rate: 70 % GET one station, 15 % list
// page, 10 % PATCH of a name, 5 % PUT with the current etag. Writers never share a station, so
// every answer must be 200; anything else (any 4xx or 5xx, a network error, a timeout, a request the generator could not
// send in time) is an error. It reads the service's RSS every second (/proc/<pid>/status; the peak
// of each 10 s is kept) and its heap every 10 s (process.memoryUsage() through
// scripts/reliability/memory-probe.mjs), and counts statuses and p50/p99 per minute. Writes a markdown report
// and a JSON file next to it (default docs/soak-results.md and .json) and exits non-zero when
// there was any error or, in runs of 5 minutes or more, the RSS grew more than 10 % after the
// warm-up (definition in the report).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../free-port.mjs';
import { rerunUnderMariadb } from '../rerun-under-mariadb.mjs';
import { startFlags } from '../start-flags.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SELF = fileURLToPath(import.meta.url);
const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '600' },
    rate: { type: 'string', default: '200' },
    db: { type: 'string', default: 'mariadb' },
    stations: { type: 'string', default: '1000' },
    warmup: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'docs', 'soak-results.md') },
  },
});
const DURATION_S = Number(flags.duration);
const RATE = Number(flags.rate);
const STATIONS = Number(flags.stations);
/** RSS baseline: the end of the warm-up. Default 120 s, a quarter of shorter runs. */
const WARMUP_S = Number(flags.warmup ?? Math.min(120, Math.floor(DURATION_S / 4)));
const MAX_RSS_GROWTH = 0.1;
/**
 * Shorter runs report the RSS but do not judge it: at 100 req/s V8's heap grew to ~220 MB before its
 * first full collection, about 50 s in, so a short warm-up ends before memory has settled.
 */
const MIN_JUDGED_S = 300;
const memoryJudged = DURATION_S >= MIN_JUDGED_S;
const SAMPLE_EVERY_MS = 10_000;
const PAGE = 50;
/** Stations reserved for PUTs, one writer at a time each (never two PUTs on one etag). */
const PUT_POOL = 40;
/** More requests than this in flight at once means the service cannot keep up with the rate: errors. */
const MAX_IN_FLIGHT = 256;
const REQUEST_TIMEOUT_MS = 10_000;
const OUT_MD = resolve(flags.out);
const OUT_JSON = OUT_MD.replace(/\.md$/, '') + '.json';

for (const [name, value] of [['--duration', DURATION_S], ['--rate', RATE], ['--stations', STATIONS], ['--warmup', WARMUP_S]]) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
}
if (!['mariadb', 'sqlite'].includes(flags.db)) throw new Error('--db must be mariadb or sqlite');
if (STATIONS < PUT_POOL + PAGE) throw new Error(`--stations must be at least ${PUT_POOL + PAGE}`);
if (WARMUP_S >= DURATION_S / 2) throw new Error('--warmup must be shorter than half of --duration');

for (const file of ['dist/main.js', 'dist/cli/main.js']) {
  if (!existsSync(join(ROOT, file))) {
    console.error(`${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------
// Under a throwaway MariaDB, like bench/run.mjs.
if (flags.db === 'mariadb') await rerunUnderMariadb(ROOT, SELF, 'SOAK_UNDER_MARIADB');

const started = Date.now();
const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
const log = (line) => process.stderr.write(`[soak ${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (n, digits = 0) => (n === undefined || n === null || Number.isNaN(n) ? null : Number(n.toFixed(digits)));
const mb = (kb) => round(kb / 1024, 1);
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));


let sqliteDir;
const database =
  flags.db === 'mariadb'
    ? { DATABASE_URL: process.env.TEST_DATABASE_URL ?? '' }
    : { DATABASE_URL: '', SQLITE_PATH: join((sqliteDir = mkdtempSync(join(os.tmpdir(), 'soak-sqlite-'))), 'soak.sqlite') };
if (flags.db === 'mariadb' && !database.DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set (scripts/with-mariadb.sh sets it)');
const baseEnv = {
  PATH: process.env.PATH,
  ...database,
  DEMO_SEED: 'false',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  OCPP_PUBLIC_URL: 'ws://localhost:3000/ocpp',
};

/** A CLI command; resolves with its stdout. */
function cli(...args) {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), ...args], { cwd: ROOT, env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? res(out) : rej(new Error(`cli ${args.join(' ')} exited with ${code}:\n${out}`))));
  });
}
const lastLine = (text) => text.trim().split('\n').pop().trim();

// ---------------------------------------------------------------------------------------------
// Dataset and tokens. The rate limit (default 6000 requests per minute and token) stays on, so
// the load is spread over enough tokens to use at most half of each one's budget.
const rateLimit = Number(process.env.RATE_LIMIT_PER_MINUTE ?? 6000);
const tokenCount = rateLimit > 0 ? Math.max(1, Math.ceil((RATE * 60) / (rateLimit / 2))) : 1;
log(`generating ${STATIONS} stations on ${flags.db}`);
const tokens = [lastLine(await cli('demo:generate', '--stations', String(STATIONS), '--cpo', 'SOAK'))];
while (tokens.length < tokenCount) tokens.push(lastLine(await cli('token:create', '--cpo', 'SOAK', '--scope', 'write')));
const stationId = (n) => `SOAK-${String(n).padStart(6, '0')}`;

// ---------------------------------------------------------------------------------------------
// The service, with the memory probe and an IPC channel to ask it.
const port = await freePort();
const base = { host: '127.0.0.1', port };
const service = spawn(process.execPath, [...startFlags(ROOT), '--import', join(ROOT, 'scripts', 'reliability', 'memory-probe.mjs'), join(ROOT, 'dist', 'main.js')], {
  cwd: ROOT,
  env: { ...baseEnv, PORT: String(port), HOST: '127.0.0.1', ...(process.env.RATE_LIMIT_PER_MINUTE ? { RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE } : {}) },
  stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
});
children.add(service);
let serviceLog = '';
let serviceErrorLines = 0;
const keepLog = (chunk) => {
  const text = chunk.toString('utf8');
  serviceErrorLines += (text.match(/"level":(50|60)/g) ?? []).length;
  serviceLog = (serviceLog + text).slice(-20_000);
};
service.stdout.on('data', keepLog);
service.stderr.on('data', keepLog);
const serviceExit = once(service, 'exit');

const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
/** One HTTP request; resolves with { status, body, headers } or { error }. Never rejects. */
function send(method, path, token, body, headers = {}) {
  return new Promise((res) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        ...base, agent, method, path, timeout: REQUEST_TIMEOUT_MS,
        headers: { authorization: `Token ${token}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers },
      },
      (response) => {
        const chunks = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () => res({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
        response.on('error', (e) => res({ error: e.code ?? e.message }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e) => res({ error: e.code ?? e.message }));
    req.end(payload);
  });
}

for (const deadline = Date.now() + 60_000; ; ) {
  if (service.exitCode !== null) throw new Error(`the service exited during start-up:\n${serviceLog}`);
  const r = await send('GET', '/health/ready', tokens[0]);
  if (r.status === 200) break;
  if (Date.now() > deadline) throw new Error(`the service was not ready within 60 s:\n${serviceLog}`);
  await sleep(200);
}

function rssKb() {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
function heap() {
  return new Promise((res) => {
    const timer = setTimeout(() => res(undefined), 2000);
    service.once('message', (m) => {
      clearTimeout(timer);
      res(m?.memory);
    });
    service.send('memory');
  });
}

// ---------------------------------------------------------------------------------------------
// The load. 20 slots: 14 GET one, 3 list, 2 PATCH, 1 PUT — exactly 70/15/10/5 %, interleaved.
const SLOTS = 'GGLGGPGGGLGUGGGPGLGG'.split('').map((c) => ({ G: 'GET one', L: 'list', P: 'PATCH', U: 'PUT' })[c]);
const random = (n) => Math.floor(Math.random() * n);
const putPool = [];
for (let i = 1; i <= PUT_POOL; i++) {
  const r = await send('GET', `/api/1.0/ChargeStations/${stationId(i)}`, tokens[0]);
  if (r.status !== 200) throw new Error(`GET ${stationId(i)} answered ${r.status}: ${r.body}`);
  putPool.push(JSON.parse(r.body).data);
}

const minutes = new Map();
const bucket = (m) => {
  if (!minutes.has(m)) minutes.set(m, { minute: m + 1, requests: 0, byStatus: {}, byOperation: {}, latencies: [] });
  return minutes.get(m);
};
const errorExamples = [];
let issued = 0;
/** Requests the run sends: RATE per second over DURATION_S. */
const DUE_IN_ALL = Math.round(RATE * DURATION_S);
let inFlight = 0;
let patchCounter = 0;
let putCounter = 0;

function operation(kind, tokenIndex) {
  const token = tokens[tokenIndex % tokens.length];
  switch (kind) {
    case 'GET one':
      return send('GET', `/api/1.0/ChargeStations/${stationId(1 + random(STATIONS))}`, token);
    case 'list':
      return send('GET', `/api/1.0/ChargeStations?limit=${PAGE}&offset=${random(STATIONS - PAGE)}`, token);
    case 'PATCH':
      return send('PATCH', `/api/1.0/ChargeStations/${stationId(PUT_POOL + 1 + random(STATIONS - PUT_POOL))}`, token, { name: `soak patch ${++patchCounter}` });
    case 'PUT': {
      const station = putPool.shift();
      if (!station) return Promise.resolve({ error: 'PUT_POOL_EMPTY' });
      const body = { ...station, name: `soak put ${++putCounter}` };
      return send('PUT', `/api/1.0/ChargeStations/${station.charge_station_id}`, token, body, { 'if-match': `"${station.etag}"` }).then(async (r) => {
        if (r.status === 200) putPool.push(JSON.parse(r.body).data);
        else {
          // Learn the station's current state before it is written again.
          const current = await send('GET', `/api/1.0/ChargeStations/${station.charge_station_id}`, token);
          putPool.push(current.status === 200 ? JSON.parse(current.body).data : station);
        }
        return r;
      });
    }
  }
  throw new Error(kind);
}

function fire(kind, intendedAt) {
  const slot = bucket(Math.floor((intendedAt - loadStart) / 60_000));
  const record = (outcome) => {
    const latency = performance.now() - intendedAt;
    const key = outcome.error ? `error ${outcome.error}` : String(outcome.status);
    slot.requests++;
    slot.byStatus[key] = (slot.byStatus[key] ?? 0) + 1;
    slot.byOperation[kind] = (slot.byOperation[kind] ?? 0) + 1;
    slot.latencies.push(latency);
    if ((outcome.error || outcome.status !== 200) && errorExamples.length < 20) {
      errorExamples.push({ atSecond: round((intendedAt - loadStart) / 1000, 1), operation: kind, outcome: key, body: outcome.body?.slice(0, 300) });
    }
  };
  if (inFlight >= MAX_IN_FLIGHT) return record({ error: 'TOO_MANY_IN_FLIGHT' });
  inFlight++;
  operation(kind, issued).then((outcome) => {
    inFlight--;
    record(outcome);
  });
}

const samples = [];
/** RSS is read every second and its peak kept per 10 s sample: the garbage collector's sawtooth is shorter than 10 s at times. */
let rssPeakKb = 0;
const rssWatch = setInterval(() => (rssPeakKb = Math.max(rssPeakKb, rssKb())), 1000);
async function sample() {
  const memory = await heap();
  const now = rssKb();
  const s = {
    atSecond: round((performance.now() - loadStart) / 1000, 0),
    rssMb: mb(now),
    rssPeakMb: mb(Math.max(rssPeakKb, now)),
    heapUsedMb: memory ? round(memory.heapUsed / 1048576, 1) : null,
    heapTotalMb: memory ? round(memory.heapTotal / 1048576, 1) : null,
    externalMb: memory ? round(memory.external / 1048576, 1) : null,
    inFlight,
    load1: round(os.loadavg()[0], 2),
  };
  rssPeakKb = 0;
  samples.push(s);
  return s;
}

// A few hundred untimed requests first, so that the first seconds of the timed load do not
// measure the JIT compiler and the pool filling.
{
  const prime = Array.from({ length: 300 }, (_, i) => SLOTS[i % SLOTS.length]);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let kind = prime.pop(); kind; kind = prime.pop()) await operation(kind, prime.length);
    }),
  );
}

log(`load: ${RATE} req/s for ${DURATION_S} s (warm-up ${WARMUP_S} s), ${STATIONS} stations, ${tokens.length} token(s), service pid ${service.pid}`);
const loadStart = performance.now();
await sample();
const sampler = setInterval(async () => {
  const s = await sample();
  const last = minutes.get(Math.floor((s.atSecond - 1) / 60));
  const errors = [...minutes.values()].reduce((n, m) => n + Object.entries(m.byStatus).filter(([k]) => k !== '200').reduce((a, [, v]) => a + v, 0), 0);
  log(`${s.atSecond} s: RSS ${s.rssMb} MB (peak ${s.rssPeakMb}), heap ${s.heapUsedMb} MB, in flight ${s.inFlight}, requests this minute ${last?.requests ?? 0}, errors so far ${errors}, load ${s.load1}`);
}, SAMPLE_EVERY_MS);
await new Promise((res) => {
  const end = loadStart + DURATION_S * 1000;
  const tick = setInterval(() => {
    const now = performance.now();
    // Request k is due at loadStart + k / RATE: those due by now are 0 … floor(elapsed × RATE), so
    // floor(…) + 1 of them (counting only floor(…) sent each one an interval late, and that interval
    // was counted in its latency).
    const due = Math.min(DUE_IN_ALL, Math.floor(((Math.min(now, end) - loadStart) * RATE) / 1000 + 1e-6) + 1);
    while (issued < due) {
      fire(SLOTS[issued % SLOTS.length], loadStart + (issued * 1000) / RATE);
      issued++;
    }
    if (now >= end) {
      clearInterval(tick);
      res();
    }
  }, 2);
});
clearInterval(sampler);
clearInterval(rssWatch);
for (const deadline = Date.now() + REQUEST_TIMEOUT_MS + 5000; inFlight > 0 && Date.now() < deadline; ) await sleep(50);
await sample();

// ---------------------------------------------------------------------------------------------
// Stop the service (gracefully: it must exit 0) and judge.
service.kill('SIGTERM');
const killTimer = setTimeout(() => service.kill('SIGKILL'), 15_000);
const [exitCode, exitSignal] = await serviceExit;
clearTimeout(killTimer);
agent.destroy();
if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);
const perMinute = [...minutes.values()]
  .sort((a, b) => a.minute - b.minute)
  .map((m) => {
    const sorted = m.latencies.sort((a, b) => a - b);
    const inMinute = samples.filter((s) => s.atSecond > (m.minute - 1) * 60 && s.atSecond <= m.minute * 60);
    return {
      minute: m.minute,
      requests: m.requests,
      ratePerSecond: round(m.requests / Math.min(60, DURATION_S - (m.minute - 1) * 60), 1),
      byStatus: m.byStatus,
      byOperation: m.byOperation,
      p50Ms: round(percentile(sorted, 50), 1),
      p99Ms: round(percentile(sorted, 99), 1),
      maxMs: round(sorted[sorted.length - 1], 1),
      rssMaxMb: inMinute.length ? Math.max(...inMinute.map((s) => s.rssPeakMb)) : null,
      heapUsedMaxMb: inMinute.length ? Math.max(...inMinute.map((s) => s.heapUsedMb ?? 0)) : null,
    };
  });
const total = perMinute.reduce((n, m) => n + m.requests, 0);
const errors = perMinute.reduce((n, m) => n + Object.entries(m.byStatus).filter(([k]) => k !== '200').reduce((a, [, v]) => a + v, 0), 0);
const allLatencies = [...minutes.values()].flatMap((m) => m.latencies).sort((a, b) => a - b);

// RSS growth: the highest RSS (read every second) in the last half of the run against the highest
// in the minute (or the warm-up, when shorter) that ends with the warm-up. Highs against highs, so
// that where a reading falls in the garbage collector's cycle does not decide the verdict.
const window = Math.min(60, WARMUP_S);
const baselineSamples = samples.filter((s) => s.atSecond > WARMUP_S - window && s.atSecond <= WARMUP_S + SAMPLE_EVERY_MS / 2000);
const lastHalf = samples.filter((s) => s.atSecond >= DURATION_S / 2);
const baselineMb = Math.max(...baselineSamples.map((s) => s.rssPeakMb));
const endMb = Math.max(...lastHalf.map((s) => s.rssPeakMb));
const growth = endMb / baselineMb - 1;
const afterWarmup = samples.filter((s) => s.atSecond >= WARMUP_S);
const slope = (() => {
  const n = afterWarmup.length;
  if (n < 2) return null;
  const mx = afterWarmup.reduce((a, s) => a + s.atSecond, 0) / n;
  const my = afterWarmup.reduce((a, s) => a + s.rssPeakMb, 0) / n;
  const num = afterWarmup.reduce((a, s) => a + (s.atSecond - mx) * (s.rssPeakMb - my), 0);
  const den = afterWarmup.reduce((a, s) => a + (s.atSecond - mx) ** 2, 0);
  return den ? (num / den) * 60 : null;
})();

const checks = [
  { check: 'no error (every answer 200; no network error, timeout or request the generator could not send)', value: `${errors} of ${total}`, met: errors === 0 && total > 0 },
  { check: `sent at the requested rate (≥ 98 % of ${RATE} × ${DURATION_S} s)`, value: `${total} requests (${round(total / DURATION_S, 1)} req/s)`, met: total >= 0.98 * RATE * DURATION_S },
  {
    check: `RSS growth after warm-up ≤ ${MAX_RSS_GROWTH * 100} % (max RSS of the last half vs max RSS of the ${window} s ending at ${WARMUP_S} s)`,
    value: `${baselineMb} → ${endMb} MB (${round(growth * 100, 1)} %)` + (memoryJudged ? '' : ` — not judged: runs under ${MIN_JUDGED_S} s end their warm-up before V8 settles`),
    met: memoryJudged ? growth <= MAX_RSS_GROWTH : null,
  },
  { check: 'no error log line from the service', value: String(serviceErrorLines), met: serviceErrorLines === 0 },
  { check: 'graceful stop (SIGTERM → exit 0)', value: `exit ${exitCode ?? exitSignal}`, met: exitCode === 0 },
];
const passed = checks.every((c) => c.met !== false);

let mariadbVersion = null;
if (flags.db === 'mariadb' && process.env.MARIADB_SOCKET) {
  const v = spawn('mariadb', ['--no-defaults', `--socket=${process.env.MARIADB_SOCKET}`, '-uroot', '-N', '-B', '-e', 'SELECT VERSION()'], {
    env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin` },
  });
  let out = '';
  v.stdout.on('data', (d) => (out += d));
  await once(v, 'exit');
  mariadbVersion = out.trim() || null;
}
const commit = await new Promise((res) => {
  const g = spawn('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT });
  let out = '';
  g.stdout.on('data', (d) => (out += d));
  g.on('exit', () => res(out.trim() || '?'));
  g.on('error', () => res('?'));
});

const command = `node scripts/reliability/soak.mjs --duration ${DURATION_S} --rate ${RATE} --db ${flags.db} --stations ${STATIONS}` +
  (flags.warmup ? ` --warmup ${WARMUP_S}` : '');
const report = {
  command,
  passed,
  checks,
  config: { durationSeconds: DURATION_S, rate: RATE, db: flags.db, stations: STATIONS, warmupSeconds: WARMUP_S, tokens: tokens.length, mix: '70 % GET one, 15 % list (limit 50, random offset), 10 % PATCH name, 5 % PUT with etag', putPool: PUT_POOL },
  totals: {
    requests: total,
    errors,
    p50Ms: round(percentile(allLatencies, 50), 1),
    p99Ms: round(percentile(allLatencies, 99), 1),
    maxMs: round(allLatencies[allLatencies.length - 1], 1),
    rssBaselineMb: baselineMb,
    rssEndMaxMb: endMb,
    rssGrowthPercent: round(growth * 100, 1),
    rssSlopeMbPerMinuteAfterWarmup: round(slope, 2),
  },
  perMinute,
  samples,
  errorExamples,
  machine: {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    mariadb: mariadbVersion,
    commit,
    date: new Date().toISOString(),
    loadAtStart,
    loadAtEnd: os.loadavg().map((l) => round(l, 2)),
  },
};
writeFileSync(OUT_JSON, `${JSON.stringify(report, null, 2)}\n`);

const lines = [];
const row = (cells) => lines.push(`| ${cells.join(' | ')} |`);
lines.push('# Soak results', '');
lines.push(`\`${command}\` (after \`npm run build\`; the service runs with npm start's flags \`${startFlags(ROOT).join(' ')}\`) on ${report.machine.date}, commit ${commit}; ${report.machine.nproc} cores, Node ${process.version}` +
  (mariadbVersion ? `, MariaDB ${mariadbVersion} (throwaway, scripts/with-mariadb.sh)` : '') +
  `. Load average (1, 5, 15 min) ${loadAtStart.join(', ')} at the start, ${report.machine.loadAtEnd.join(', ')} at the end: other work on the machine slows the service. Verdict: **${passed ? 'passed' : 'FAILED'}**.`, '');
lines.push(`Open-loop load at a fixed ${RATE} req/s: ${report.config.mix}; ${STATIONS} stations (\`demo:generate\`), ` +
  `${tokens.length} token(s) so the default rate limit is never reached; latency counted from the moment each request was due.`, '');
row(['Check', 'Measured', 'Met?']);
row(['---', '---', '---']);
for (const c of checks) row([c.check, c.value, c.met === null ? 'not judged' : c.met ? 'met' : '**missed**']);
lines.push('', `Whole run: ${total} requests, p50 ${report.totals.p50Ms} ms, p99 ${report.totals.p99Ms} ms, max ${report.totals.maxMs} ms; ` +
  `RSS slope after warm-up ${report.totals.rssSlopeMbPerMinuteAfterWarmup} MB/min.`, '');
lines.push('## Per minute', '');
row(['Minute', 'Requests', 'req/s', 'Statuses', 'p50 ms', 'p99 ms', 'max ms', 'max RSS MB', 'max heap used MB']);
row(['---:', '---:', '---:', '---', '---:', '---:', '---:', '---:', '---:']);
for (const m of perMinute) {
  row([m.minute, m.requests, m.ratePerSecond, Object.entries(m.byStatus).map(([k, v]) => `${k}: ${v}`).join(', '), m.p50Ms, m.p99Ms, m.maxMs, m.rssMaxMb, m.heapUsedMaxMb]);
}
lines.push('', '## Memory of the service every 10 s', '');
row(['Second', 'RSS MB', 'RSS peak of the 10 s MB', 'Heap used MB', 'Heap total MB', 'External MB', 'In flight']);
row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']);
for (const s of samples) row([s.atSecond, s.rssMb, s.rssPeakMb, s.heapUsedMb, s.heapTotalMb, s.externalMb, s.inFlight]);
if (errorExamples.length) {
  lines.push('', '## First errors', '');
  for (const e of errorExamples) lines.push(`- ${e.atSecond} s, ${e.operation}: ${e.outcome} ${e.body ? `\`${e.body.replace(/`/g, "'")}\`` : ''}`);
}
lines.push('');
writeFileSync(OUT_MD, lines.join('\n'));

console.log('');
for (const c of checks) console.log(`${c.met === null ? 'info   ' : c.met ? 'ok     ' : 'FAILED '} ${c.check}: ${c.value}`);
console.log('');
console.log('minute  requests  errors   p50 ms   p99 ms   max RSS MB');
for (const m of perMinute) {
  const errs = Object.entries(m.byStatus).filter(([k]) => k !== '200').reduce((a, [, v]) => a + v, 0);
  console.log(`${String(m.minute).padStart(6)}  ${String(m.requests).padStart(8)}  ${String(errs).padStart(6)}  ${String(m.p50Ms).padStart(7)}  ${String(m.p99Ms).padStart(7)}  ${String(m.rssMaxMb).padStart(11)}`);
}
console.log(`\nwrote ${OUT_MD} and ${OUT_JSON}: ${passed ? 'PASSED' : 'FAILED'}`);
if (!passed && serviceErrorLines) console.log(`last service log lines:\n${serviceLog.slice(-3000)}`);
process.exit(passed ? 0 : 1);
