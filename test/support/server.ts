import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import mysql from 'mysql2/promise';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import type { TokenScope } from '../../src/auth/api-token.entity.js';
import { CpoRepository } from '../../src/auth/cpo.repository.js';
import { ApiTokenRepository } from '../../src/auth/api-token.repository.js';
import { loadSettings, type Settings } from '../../src/settings/settings.js';
import { backgroundJob } from '../../src/common/background.js';
import { contractChecked } from './contract.js';

/** `TEST_DATABASE_URL=mysql://…` runs the e2e suites on MySQL/MariaDB; otherwise on a fresh SQLite file. */
export const databaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const dialect = databaseUrl ? 'mariadb' : 'sqlite';

export interface TestServer {
  url: string;
  app: NestFastifyApplication;
  dataSource: DataSource;
  settings: Settings;
  /** A CPO plus a token for it. */
  tenant(cpoId: string, scope?: TokenScope): Promise<string>;
  token(cpoIds: string[], scope: TokenScope): Promise<string>;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/** Drops and re-creates the MariaDB test database, so each suite starts empty. */
async function resetMysql(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = parsed.pathname.replace(/^\//, '');
  const connection = await mysql.createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

/** Settings of a test server: empty database, loopback only, no demo seed, quiet logs. */
export async function freshSettings(overrides: Partial<Settings> = {}): Promise<{ settings: Settings; cleanup: () => void }> {
  let dir: string | undefined;
  if (databaseUrl) await resetMysql(databaseUrl);
  else dir = mkdtempSync(join(tmpdir(), 'cs-e2e-'));
  const settings: Settings = {
    ...loadSettings({}),
    host: '127.0.0.1',
    port: 0,
    databaseUrl,
    sqlitePath: dir ? join(dir, 'test.sqlite') : './data/unused.sqlite',
    demoSeed: false,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  };
  return { settings, cleanup: () => dir && rmSync(dir, { recursive: true, force: true }) };
}

export async function startServer(settings: Settings, cleanup: () => void = () => {}): Promise<TestServer> {
  const app = await createApp(settings);
  await app.listen({ port: settings.port, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const dataSource = app.get(DataSource);
  const tokens = new ApiTokenRepository(dataSource);
  return {
    url,
    app,
    dataSource,
    settings,
    async tenant(cpoId, scope = 'write') {
      const code = createHash('sha1').update(cpoId).digest('hex').slice(0, 3).toUpperCase();
      await new CpoRepository(dataSource).create({ cpoId, name: `${cpoId} Charging`, countryCode: 'NL', partyId: code });
      return tokens.create([cpoId], scope);
    },
    token: (cpoIds, scope) => tokens.create(cpoIds, scope),
    http: () => contractChecked(request(url)),
    async close() {
      await app.close();
      cleanup();
    },
  };
}

export async function startFreshServer(overrides: Partial<Settings> = {}): Promise<TestServer> {
  const { settings, cleanup } = await freshSettings(overrides);
  return startServer(settings, cleanup);
}

/**
 * Row count and a digest of every row of a table (or of the rows `where` selects): proves a
 * rejected write changed nothing.
 */
export async function tableFingerprint(dataSource: DataSource, table: string, where = '', parameters: unknown[] = []): Promise<string> {
  const rows: unknown[] = await dataSource.query(`SELECT * FROM ${table}${where ? ` WHERE ${where}` : ''} ORDER BY 1`, parameters);
  const digest = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  return `${rows.length}:${digest}`;
}

export const auth = (token: string) => ({ Authorization: `Token ${token}` });

/**
 * Deletes a station's stored document, as if written before documents existed: its next GET is
 * answered from the tables (and stores the document anew). For checking a document-made answer
 * against the tables.
 */
export async function dropStationDocument(dataSource: DataSource, chargeStationId: string): Promise<void> {
  await dataSource.query(`DELETE FROM station_documents WHERE station_pk IN (SELECT pk FROM charge_stations WHERE charge_station_id = ?)`, [chargeStationId]);
}

/** Runs `work` and returns how many SQL statements it sent through TypeORM (the service's background jobs' not counted). */
export async function countQueries(dataSource: DataSource, work: () => Promise<unknown>): Promise<number> {
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  let count = 0;
  logger.logQuery = (query, parameters, queryRunner) => {
    if (backgroundJob() === undefined) count++;
    return original(query, parameters, queryRunner);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return count;
}
