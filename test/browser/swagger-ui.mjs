#!/usr/bin/env node
/* global URL, fetch, setTimeout, clearTimeout */
/**
 * Browser test of Swagger UI (issue 7), plain Node: starts the production build (dist/main.js) on
 * 127.0.0.1 with a fresh SQLite file and the demo seed, takes the demo token from its stdout,
 * creates a station through the API, then in headless Chromium (Debian's /usr/bin/chromium driven
 * by playwright-core) opens /docs, checks the API's name, version and resource groups, authorizes
 * with `Token <token>`, runs "Try it out" → Execute on the station list and expects a 200 with the
 * station in it. Screenshot: test/artifacts/swagger-ui.png. Exits non-zero on failure; bounded.
 *
 * Needs `npm run build` first and `apt-get install -y chromium` (CHROMIUM_PATH overrides the path).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort } from '../../scripts/free-port.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const ARTIFACTS = join(ROOT, 'test/artifacts');
const SCREENSHOT = join(ARTIFACTS, 'swagger-ui.png');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEADLINE_MS = 55_000;
const STATION_ID = 'CS-BROWSER-1';
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

const workDir = mkdtempSync(join(tmpdir(), 'cs-browser-'));
let server;
let context;
let serverOutput = '';

const log = (message) => process.stdout.write(`[swagger-ui] ${message}\n`);


async function startServer() {
  if (!existsSync(join(ROOT, 'dist/main.js'))) throw new Error('dist/main.js is missing: run `npm run build` first');
  const port = await freePort();
  server = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: '',
      SQLITE_PATH: join(workDir, 'browser.sqlite'),
      DEMO_SEED: 'true',
      LOG_LEVEL: 'warn',
      OCPP_PUBLIC_URL: `ws://127.0.0.1:${port}/ocpp`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (chunk) => (serverOutput += chunk));
  server.stderr.on('data', (chunk) => (serverOutput += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${serverOutput}`);
    const token = /\b(cs_[A-Za-z0-9_-]+)/.exec(serverOutput)?.[1];
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready && token) return { url, token };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function createStation(url, token) {
  const res = await fetch(`${url}/api/1.0/ChargeStations`, {
    method: 'POST',
    headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      charge_station_id: STATION_ID,
      location_id: 'DEMO-LOC-1',
      deploy_state: 'Production',
      default_charge_station_tariff_id: 'TARIFF-STD',
      charger_type: 'Public',
      evses: [{ connectors: [{ standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 }] }],
    }),
  });
  if (res.status !== 201) throw new Error(`creating the station answered ${res.status}: ${await res.text()}`);
}

async function expectText(locator, pattern, what) {
  const text = await locator.innerText({ timeout: 10_000 });
  if (!pattern.test(text)) throw new Error(`${what}: expected ${pattern}, got ${JSON.stringify(text.slice(0, 300))}`);
  log(`ok: ${what}`);
}

async function run() {
  const { url, token } = await startServer();
  log(`server on ${url}`);
  await createStation(url, token);

  context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1400 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  try {
    await page.goto(`${url}/docs`, { waitUntil: 'domcontentloaded' });
    await expectText(page.locator('.info .title'), new RegExp(`Charge Stations API[\\s\\S]*${version.replace(/\./g, '\\.')}`), 'title and version');
    await expectText(page.locator('.info .description'), /Authentication[\s\S]*Etags[\s\S]*Lists/, 'description of auth, etags and pagination');
    for (const tag of ['Locations', 'ChargeStations', 'EVSEs', 'HardwareTemplates', 'ChargeStationConfigurations', 'Health']) {
      await page.locator(`#operations-tag-${tag}`).waitFor();
    }
    log('ok: operations grouped by resource');

    await page.locator('.scheme-container button.authorize').click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.locator('input').first().fill(`Token ${token}`);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done').click();
    log('ok: authorized');

    const operation = page.locator('#operations-ChargeStations-ChargeStations_GetAllChargeStations');
    await operation.locator('.opblock-summary').first().click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const live = operation.locator('.live-responses-table');
    await expectText(live.locator('tr.response .response-col_status').first(), /^\s*200\s*$/, 'Execute answered 200');
    await expectText(live.locator('tr.response .response-col_description').first(), new RegExp(STATION_ID), 'the response holds the station');
    await operation.scrollIntoViewIfNeeded();
  } finally {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false }).catch(() => {});
    log(`screenshot: ${SCREENSHOT}`);
  }
  if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);
}

async function cleanup() {
  await context?.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => {
      const force = setTimeout(() => server.kill('SIGKILL'), 5_000);
      server.once('exit', () => (clearTimeout(force), resolve()));
    });
  }
  rmSync(workDir, { recursive: true, force: true });
}

const deadline = setTimeout(() => {
  process.stderr.write(`[swagger-ui] FAILED: no result within ${DEADLINE_MS / 1000} s\n`);
  server?.kill('SIGKILL');
  process.exit(1);
}, DEADLINE_MS);

let exitCode = 0;
try {
  await run();
  log('PASSED');
} catch (error) {
  exitCode = 1;
  process.stderr.write(`[swagger-ui] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  if (serverOutput) process.stderr.write(`server output:\n${serverOutput.slice(-2000)}\n`);
} finally {
  await cleanup();
  clearTimeout(deadline);
}
process.exit(exitCode);
