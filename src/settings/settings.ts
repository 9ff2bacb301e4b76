import { parseRetrySchedule } from '../webhooks/delivery/retry-schedule.js';

/**
 * Every setting of the service, read once from the environment. `.env.example` documents each one;
 * keep the two in step.
 */
export interface Settings {
  /** TCP port of the HTTP server. */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** `mysql://user:pass@host:port/db` selects MySQL/MariaDB; empty selects the embedded SQLite file. */
  databaseUrl: string | undefined;
  /** Path of the embedded SQLite database file (created on first start). */
  sqlitePath: string;
  /** Connection pool size for MySQL. */
  databasePoolSize: number;
  /** Seed a demo CPO, location and write token on an empty embedded database. Never on MySQL. */
  demoSeed: boolean;
  /** pino log level: fatal, error, warn, info, debug, trace, silent. */
  logLevel: string;
  /** `json` (one JSON object per line), `pretty` (for a person), or `auto`: pretty when stdout is a terminal. */
  logFormat: LogFormat;
  /** Largest accepted request body in bytes; larger bodies get 413. */
  bodyLimitBytes: number;
  /** How long a graceful shutdown waits for requests in flight, in milliseconds. */
  shutdownTimeoutMs: number;
  /** The OCPP-J URL chargers dial (each appends its identity); answered as a station's `endpoint`. */
  ocppPublicUrl: string;
  /** Heartbeat interval in seconds a station has until its charger reports another one. */
  defaultHeartbeatInterval: number;
  /** Browser origins allowed to call the API cross-origin (CORS); empty: CORS off. */
  corsOrigins: string[];
  /** Requests per minute per token (per client IP without a token); 0 disables rate limiting. */
  rateLimitPerMinute: number;
  /** How long change events are kept (the feed, replays), in days. */
  eventRetentionDays: number;
  /** Whether this process delivers webhooks (events are published and listed whatever it says). */
  webhooksEnabled: boolean;
  /** A webhook attempt's time-out (connect, TLS, sending and the answer's status line), in milliseconds. */
  webhookTimeoutMs: number;
  /** Delays between webhook attempts, in seconds (undefined: SPEC §10's 5 s … 10 h). */
  webhookRetrySchedule: number[] | undefined;
  /** An endpoint whose every attempt has failed for this many hours is disabled. */
  webhookDisableAfterHours: number;
  /** Deliveries in flight at once to one endpoint, per process. */
  webhookConcurrencyPerEndpoint: number;
  /** Accept `http://` webhook URLs (else `https://` only). */
  webhookAllowHttp: boolean;
  /** Accept webhook URLs whose host is (or resolves to) a loopback, private or link-local address. */
  webhookAllowPrivateTargets: boolean;
}

export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const SETTINGS = Symbol('SETTINGS');

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!values.includes(raw as T)) throw new Error(`Setting ${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new Error(`Setting ${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`Setting ${name} must be true or false, got "${raw}"`);
}

function originList(env: NodeJS.ProcessEnv, name: string): string[] {
  const origins = (env[name] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/i.test(origin)) {
      throw new Error(`Setting ${name} must be a comma-separated list of origins like https://app.example.com (or *), got "${origin}"`);
    }
  }
  return origins;
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^mysql:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with mysql:// (leave it empty for the embedded SQLite database)');
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    sqlitePath: env.SQLITE_PATH?.trim() || './data/charge-stations.sqlite',
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1),
    demoSeed: boolean(env, 'DEMO_SEED', true),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    logFormat: oneOf(env, 'LOG_FORMAT', LOG_FORMATS, 'auto'),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0),
    ocppPublicUrl: env.OCPP_PUBLIC_URL?.trim() || `ws://localhost:${port}/ocpp`,
    defaultHeartbeatInterval: integer(env, 'DEFAULT_HEARTBEAT_INTERVAL', 300, 1, 86400),
    corsOrigins: originList(env, 'CORS_ORIGINS'),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 6000, 0),
    eventRetentionDays: integer(env, 'EVENT_RETENTION_DAYS', 30, 1, 3650),
    webhooksEnabled: boolean(env, 'WEBHOOKS_ENABLED', true),
    webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 15000, 100, 120_000),
    webhookRetrySchedule: env.WEBHOOK_RETRY_SCHEDULE?.trim() ? parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE) : undefined,
    webhookDisableAfterHours: integer(env, 'WEBHOOK_DISABLE_AFTER_HOURS', 120, 1, 8760),
    webhookConcurrencyPerEndpoint: integer(env, 'WEBHOOK_CONCURRENCY_PER_ENDPOINT', 4, 1, 64),
    webhookAllowHttp: boolean(env, 'WEBHOOK_ALLOW_HTTP', false),
    webhookAllowPrivateTargets: boolean(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
  };
}
