/* global fetch, setTimeout, URL -- Node 20 globals (the ESLint config declares none for .mjs) */
// The webhooks benchmark (issue 17, SPEC §10), on MariaDB:
//
//   npm run build && bash scripts/with-mariadb.sh node bench/webhooks.mjs
//
// 1. PUT with etag (10 writers, distinct stations) in alternating rounds: without a subscribed
//    endpoint, then with one enabled (`*`) delivering to a local receiver; req/s and MariaDB
//    statements per write (`Questions` delta ÷ requests, background work of the process included).
// 2. The time from a write's 2xx to the receiver's arrival of its event, p50 and p99 (the
//    station's etag ties them together), from the rounds with the endpoint.
// 3. Delivery throughput: 5,000 events written by a process that does not deliver, then one
//    process that does starts and sends them all to the local receiver: events/s.
//
// Writes bench/webhooks-results.json and bench/WEBHOOKS.md.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import { freePort } from '../scripts/free-port.mjs';
import { startFlags } from '../scripts/start-flags.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DB_URL = process.env.TEST_DATABASE_URL;
if (!DB_URL?.startsWith('mysql://')) throw new Error('run under scripts/with-mariadb.sh (TEST_DATABASE_URL=mysql://…)');
const SCHEMA = `\`${new URL(DB_URL).pathname.slice(1)}\``;
const STATIONS = 2_000;
const WRITERS = 10;
const PUT_STATIONS = 3 * WRITERS;
const ROUND_SECONDS = 10;
const ROUNDS = 3;
const THROUGHPUT_EVENTS = 5_000;
const children = new Set();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => process.stderr.write(`[webhooks bench] ${line}\n`);
const round = (n, d = 0) => Math.round(n * 10 ** d) / 10 ** d;
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;
};
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

const env = (extra = {}) => ({
  PATH: process.env.PATH,
  DATABASE_URL: DB_URL,
  DEMO_SEED: 'false',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '0',
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  ...extra,
});

async function resetDatabase() {
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  const connection = await mysql.createConnection({ host: url.hostname, port: Number(url.port), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
  await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  return connection;
}

async function questions(connection) {
  const [[row]] = await connection.query("SHOW GLOBAL STATUS LIKE 'Questions'");
  return Number(row.Value);
}

function cli(args) {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), ...args], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? res(out.trim().split('\n').pop().trim()) : rej(new Error(`cli ${args.join(' ')} exited ${code}`))));
  });
}

async function startService(extraEnv) {
  const port = await freePort();
  const child = spawn(process.execPath, [...startFlags(ROOT), join(ROOT, 'dist', 'main.js')], { cwd: ROOT, env: { ...env(extraEnv), PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.add(child);
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; await sleep(100)) {
    if (child.exitCode !== null) throw new Error('service exited during start-up');
    if (Date.now() > deadline) throw new Error('service did not start');
    try {
      if ((await fetch(`${base}/health/ready`)).ok) break;
    } catch {
      // not up yet
    }
  }
  return {
    base,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
      children.delete(child);
    },
  };
}

/**
 * A receiver in a process of its own (so that it does not take the load generator's event loop):
 * it answers 204 and reports, in batches, each arrival's station etag and time. Arrival times use
 * the wall clock of this machine, as the write times do.
 */
async function startReceiver() {
  const source = `
    const { createServer } = require('node:http');
    let batch = [];
    setInterval(() => { if (batch.length) { process.send(batch); batch = []; } }, 20);
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const at = Date.now();
        const event = JSON.parse(body);
        batch.push([event.data && event.data.etag, at]);
        res.writeHead(204).end();
      });
    });
    server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  const arrivals = new Map();
  let count = 0;
  let lastAt = 0;
  const [ready] = await once(child, 'message');
  child.on('message', (batch) => {
    for (const [etag, at] of batch) {
      count++;
      lastAt = Math.max(lastAt, at);
      if (etag) arrivals.set(etag, at);
    }
  });
  return {
    url: `http://127.0.0.1:${ready.port}/hook`,
    arrivals,
    count: () => count,
    lastAt: () => lastAt,
    reset: () => ((count = 0), arrivals.clear()),
    close: () => child.kill(),
  };
}

/** User + system CPU of a process so far, in ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const auth = (token) => ({ authorization: `Token ${token}`, 'content-type': 'application/json' });
const stationId = (n) => `BENCH-${String(n).padStart(6, '0')}`;

/** PUT back stations as last answered with a new name and their etag; no two writers on one station; the 2xx time of each new etag. */
async function putRound(service, token, pool, written) {
  let counter = 0;
  const result = await autocannon({
    url: service.base,
    connections: WRITERS,
    duration: ROUND_SECONDS,
    headers: auth(token),
    requests: [
      {
        method: 'PUT',
        setupRequest: (req, context) => {
          context.station = pool.shift();
          const body = { ...context.station, name: `bench put ${++counter}` };
          return { ...req, path: `/api/1.0/ChargeStations/${body.charge_station_id}`, headers: { ...req.headers, 'if-match': `"${body.etag}"` }, body: JSON.stringify(body) };
        },
        onResponse: (status, body, context, headers) => {
          if (status === 200) {
            const station = JSON.parse(body).data;
            written?.set(station.etag, Date.now());
            pool.push(station);
          } else if (status === 412 && headers?.etag) pool.push({ ...context.station, etag: String(headers.etag).replace(/"/g, '') });
          else pool.push(context.station);
        },
      },
    ],
  });
  return { rps: round(result.requests.average), requests: result.requests.total, non2xx: result.non2xx, p99: result.latency.p99 };
}

async function main() {
  const db = await resetDatabase();
  log('demo:generate');
  const token = await cli(['demo:generate', '--stations', String(STATIONS), '--cpo', 'BENCH']);
  const receiver = await startReceiver();
  const results = { date: new Date().toISOString(), stations: STATIONS, writers: WRITERS, roundSeconds: ROUND_SECONDS };

  // 1 + 2: PUT with and without a subscribed endpoint, alternating.
  let service = await startService({});
  // Each round starts from the stations as stored (autocannon cuts the requests in flight at the end of a round).
  const freshPool = async () => {
    const pool = [];
    for (let i = 1; i <= PUT_STATIONS; i++) pool.push((await (await fetch(`${service.base}/api/1.0/ChargeStations/${stationId(i)}`, { headers: auth(token) })).json()).data);
    return pool;
  };
  const endpoint = (await (await fetch(`${service.base}/api/1.0/webhooks`, { method: 'POST', headers: auth(token), body: JSON.stringify({ url: receiver.url, event_types: ['*'], enabled: false }) })).json()).data;
  const setEnabled = (enabled) => fetch(`${service.base}/api/1.0/webhooks/${endpoint.id}`, { method: 'PATCH', headers: auth(token), body: JSON.stringify({ enabled }) });
  await putRound(service, token, await freshPool()); // warm-up
  const rounds = [];
  const written = new Map();
  for (let r = 0; r < ROUNDS; r++) {
    for (const subscribed of [false, true]) {
      await setEnabled(subscribed);
      await sleep(500);
      const pool = await freshPool();
      const [q0, c0] = [await questions(db), cpuMs(service.pid)];
      const outcome = await putRound(service, token, pool, subscribed ? written : undefined);
      await sleep(1000);
      const [q1, c1] = [await questions(db), cpuMs(service.pid)];
      const entry = { subscribed, ...outcome, statementsPerWrite: round((q1 - q0) / outcome.requests, 2), serviceCpuMsPerWrite: round((c1 - c0) / outcome.requests, 3) };
      rounds.push(entry);
      log(`PUT ${subscribed ? 'with' : 'without'} an endpoint: ${entry.rps} req/s, ${entry.statementsPerWrite} statements/write, service CPU ${entry.serviceCpuMsPerWrite} ms/write, p99 ${entry.p99} ms, non-2xx ${entry.non2xx}`);
    }
  }
  await sleep(3000);
  const latencies = [...written].filter(([etag]) => receiver.arrivals.has(etag)).map(([etag, at]) => receiver.arrivals.get(etag) - at);
  const mean = (subscribed, key) => round(rounds.filter((r) => r.subscribed === subscribed).reduce((s, r) => s + r[key], 0) / ROUNDS, 2);
  results.put = {
    rounds,
    withoutRps: mean(false, 'rps'),
    withRps: mean(true, 'rps'),
    withoutStatements: mean(false, 'statementsPerWrite'),
    withStatements: mean(true, 'statementsPerWrite'),
    withoutCpuMs: mean(false, 'serviceCpuMsPerWrite'),
    withCpuMs: mean(true, 'serviceCpuMsPerWrite'),
  };
  results.put.ratio = round(results.put.withRps / results.put.withoutRps, 3);
  results.latency = { events: latencies.length, of: written.size, p50Ms: round(percentile(latencies, 50), 1), p99Ms: round(percentile(latencies, 99), 1), maxMs: round(Math.max(...latencies), 1) };
  log(`write 2xx → receiver: p50 ${results.latency.p50Ms} ms, p99 ${results.latency.p99Ms} ms over ${latencies.length} events`);
  await setEnabled(false);
  await service.stop();

  // 3: throughput from one process.
  const quiet = await startService({ WEBHOOKS_ENABLED: 'false' });
  await setEnabledOn(quiet, token, endpoint.id, true);
  log(`writing ${THROUGHPUT_EVENTS} events without delivering`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < THROUGHPUT_EVENTS) {
        const n = next++;
        const r = await fetch(`${quiet.base}/api/1.0/ChargeStations/${stationId(1 + PUT_STATIONS + (n % (STATIONS - PUT_STATIONS)))}`, { method: 'PATCH', headers: auth(token), body: JSON.stringify({ remarks: `throughput ${n}` }) });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`PATCH ${r.status}`);
      }
    }),
  );
  await sleep(1000);
  await quiet.stop();
  results.throughput = [];
  for (const concurrency of [4, 16]) {
    receiver.reset();
    await db.query(`UPDATE ${SCHEMA}.webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = 0, claimed_by = NULL WHERE event_pk IN (SELECT pk FROM ${SCHEMA}.events WHERE type = 'charge_station.updated')`);
    const [[{ pending }]] = await db.query(`SELECT COUNT(*) AS pending FROM ${SCHEMA}.webhook_deliveries WHERE state = 'pending'`);
    const started = Date.now();
    const delivering = await startService({ WEBHOOK_CONCURRENCY_PER_ENDPOINT: String(concurrency) });
    const readyAt = Date.now();
    while (receiver.count() < Number(pending)) {
      if (Date.now() - started > 120_000) throw new Error(`only ${receiver.count()} of ${pending} delivered in 120 s`);
      await sleep(50);
    }
    const seconds = (receiver.lastAt() - readyAt) / 1000;
    const entry = { concurrencyPerEndpoint: concurrency, events: Number(pending), seconds: round(seconds, 2), eventsPerSecond: round(Number(pending) / seconds) };
    results.throughput.push(entry);
    log(`delivery throughput (${concurrency} per endpoint): ${entry.events} events in ${entry.seconds} s = ${entry.eventsPerSecond}/s`);
    await delivering.stop();
  }
  receiver.close();
  await db.end();

  writeFileSync(join(ROOT, 'bench', 'webhooks-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const t = results.throughput;
  writeFileSync(
    join(ROOT, 'bench', 'WEBHOOKS.md'),
    [
      '# Webhooks benchmark (issue 17)',
      '',
      `Run ${results.date} on MariaDB: \`npm run build && bash scripts/with-mariadb.sh node bench/webhooks.mjs\` (2 cores shared by the service, MariaDB, autocannon and the receiver).`,
      '',
      '| target | measured | met |',
      '| --- | --- | --- |',
      `| Delivery throughput to a local receiver, one process ≥ 1,000 events/s | ${t.map((e) => `${e.eventsPerSecond}/s with ${e.concurrencyPerEndpoint} per endpoint`).join('; ')} | ${t.some((e) => e.eventsPerSecond >= 1000) ? 'yes' : 'no'} |`,
      `| PUT with etag, one subscribed endpoint ≥ 90 % of the req/s without | ${results.put.withRps} vs ${results.put.withoutRps} req/s (${round(100 * results.put.ratio, 1)} %) | ${results.put.ratio >= 0.9 ? 'yes' : 'no'} |`,
      `| The same statements per write plus at most one | ${results.put.withStatements} vs ${results.put.withoutStatements} | ${results.put.withStatements <= results.put.withoutStatements + 1 ? 'yes' : 'no'} |`,
      `| Write 2xx → receiver | p50 ${results.latency.p50Ms} ms, p99 ${results.latency.p99Ms} ms (${results.latency.events} events) | recorded |`,
      '',
      'Rounds (alternating, 10 writers, distinct stations):',
      '',
      '| round | endpoint | req/s | statements/write | service CPU ms/write | p99 ms | non-2xx |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...results.put.rounds.map((r, i) => `| ${Math.floor(i / 2) + 1} | ${r.subscribed ? 'subscribed' : 'none'} | ${r.rps} | ${r.statementsPerWrite} | ${r.serviceCpuMsPerWrite} | ${r.p99} | ${r.non2xx} |`),
      '',
      'Statements per write count everything MariaDB was sent during the round (the publisher\'s and the relay\'s batched work included) divided by the writes.',
      '',
    ].join('\n'),
  );
  log('wrote bench/webhooks-results.json and bench/WEBHOOKS.md');
}

function setEnabledOn(service, token, id, enabled) {
  return fetch(`${service.base}/api/1.0/webhooks/${id}`, { method: 'PATCH', headers: auth(token), body: JSON.stringify({ enabled }) });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
