/* global fetch, URL -- Node 20 globals (the ESLint config declares none for .mjs) */
// A/B of two running services on equal data, alternating rounds so the host's changing speed hits
// both alike (how "no regression" was checked for the "One house" refactor; bench/ANALYSIS.md):
//
//   node bench/ab.mjs <scenario> <urlA> <tokenA> <pidA> <urlB> <tokenB> <pidB> [rounds]
//
// scenario: `list` (10 clients, random keyset pages of 100, as npm run bench) or `get` (32 clients,
// GET one of BENCH-000001 … BENCH-100000). Each side: its own MariaDB with
// `npm run cli -- demo:generate --stations 100000`, its service started as `npm start` starts it.
// Prints req/s, p50, p99 and the service's CPU per request (from /proc/<pid>/stat) per round and
// the means.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [scenario, urlA, tokenA, pidA, urlB, tokenB, pidB, roundsArg] = process.argv.slice(2);
if (!['list', 'get'].includes(scenario) || !pidB) {
  console.error('usage: node bench/ab.mjs list|get <urlA> <tokenA> <pidA> <urlB> <tokenB> <pidB> [rounds]');
  process.exit(2);
}
const sides = { A: { url: urlA, token: tokenA, pid: Number(pidA) }, B: { url: urlB, token: tokenB, pid: Number(pidB) } };
const rounds = Number(roundsArg ?? 6);
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function cursors(side) {
  const paths = ['/api/1.0/ChargeStations?limit=100'];
  let url = side.url + paths[0];
  while (url && paths.length < 200) {
    const response = await fetch(url, { headers: { authorization: `Token ${side.token}` } });
    await response.arrayBuffer();
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    if (next) paths.push(new URL(next).pathname + new URL(next).search);
    url = next;
  }
  return paths;
}

for (const side of Object.values(sides)) side.paths = scenario === 'list' ? await cursors(side) : [];
const random = (n) => Math.floor(Math.random() * n);
const results = { A: [], B: [] };
for (let i = 0; i < rounds; i++) {
  for (const name of i % 2 ? ['B', 'A'] : ['A', 'B']) {
    const side = sides[name];
    const path = () => (scenario === 'list' ? side.paths[random(side.paths.length)] : `/api/1.0/ChargeStations/BENCH-${String(1 + random(100_000)).padStart(6, '0')}`);
    const options = { url: side.url, connections: scenario === 'list' ? 10 : 32, headers: { authorization: `Token ${side.token}` }, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) }] };
    await autocannon({ ...options, duration: 2 });
    const before = cpuMs(side.pid);
    const result = await autocannon({ ...options, duration: 10 });
    const entry = { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, cpuMsPerRequest: +((cpuMs(side.pid) - before) / result.requests.total).toFixed(3) };
    results[name].push(entry);
    console.log(`round ${i + 1} ${name}: ${JSON.stringify(entry)}`);
  }
}
const mean = (list, key) => +(list.reduce((sum, entry) => sum + entry[key], 0) / list.length).toFixed(3);
for (const name of ['A', 'B']) {
  console.log(`${name}: req/s ${mean(results[name], 'rps')}, p50 ${mean(results[name], 'p50')} ms, p99 ${mean(results[name], 'p99')} ms, CPU ${mean(results[name], 'cpuMsPerRequest')} ms/request`);
}
