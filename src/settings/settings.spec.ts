import { loadSettings } from './settings.js';

describe('loadSettings', () => {
  it('has the documented defaults on an empty environment', () => {
    expect(loadSettings({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      sqlitePath: './data/charge-stations.sqlite',
      databasePoolSize: 10,
      demoSeed: true,
      logLevel: 'info',
      logFormat: 'auto',
      bodyLimitBytes: 1048576,
      shutdownTimeoutMs: 10000,
      ocppPublicUrl: 'ws://localhost:3000/ocpp',
      defaultHeartbeatInterval: 300,
      corsOrigins: [],
      rateLimitPerMinute: 6000,
      eventRetentionDays: 30,
      webhooksEnabled: true,
      webhookTimeoutMs: 15000,
      webhookRetrySchedule: undefined,
      webhookDisableAfterHours: 120,
      webhookConcurrencyPerEndpoint: 4,
      webhookAllowHttp: false,
      webhookAllowPrivateTargets: false,
    });
  });

  it('treats empty and blank values as not set', () => {
    expect(
      loadSettings({
        PORT: '',
        HOST: '  ',
        DATABASE_URL: '   ',
        SQLITE_PATH: ' ',
        DATABASE_POOL_SIZE: '',
        DEMO_SEED: '',
        LOG_LEVEL: '',
        LOG_FORMAT: ' ',
        BODY_LIMIT_BYTES: '',
        SHUTDOWN_TIMEOUT_MS: '',
        CORS_ORIGINS: ' ',
        RATE_LIMIT_PER_MINUTE: '',
      }),
    ).toEqual(loadSettings({}));
  });

  it('reads every setting', () => {
    expect(
      loadSettings({
        PORT: '8080',
        HOST: '127.0.0.1',
        DATABASE_URL: 'mysql://cs:secret@db:3306/charge_stations',
        SQLITE_PATH: '/var/lib/cs/db.sqlite',
        DATABASE_POOL_SIZE: '25',
        DEMO_SEED: 'false',
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
        BODY_LIMIT_BYTES: '2048',
        SHUTDOWN_TIMEOUT_MS: '0',
        OCPP_PUBLIC_URL: 'wss://ocpp.example.com/ocpp',
        DEFAULT_HEARTBEAT_INTERVAL: '60',
        CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
        RATE_LIMIT_PER_MINUTE: '120',
        EVENT_RETENTION_DAYS: '7',
        WEBHOOKS_ENABLED: 'false',
        WEBHOOK_TIMEOUT_MS: '5000',
        WEBHOOK_RETRY_SCHEDULE: '1, 2.5,60',
        WEBHOOK_DISABLE_AFTER_HOURS: '24',
        WEBHOOK_CONCURRENCY_PER_ENDPOINT: '8',
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'mysql://cs:secret@db:3306/charge_stations',
      sqlitePath: '/var/lib/cs/db.sqlite',
      databasePoolSize: 25,
      demoSeed: false,
      logLevel: 'debug',
      logFormat: 'json',
      bodyLimitBytes: 2048,
      shutdownTimeoutMs: 0,
      ocppPublicUrl: 'wss://ocpp.example.com/ocpp',
      defaultHeartbeatInterval: 60,
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      rateLimitPerMinute: 120,
      eventRetentionDays: 7,
      webhooksEnabled: false,
      webhookTimeoutMs: 5000,
      webhookRetrySchedule: [1, 2.5, 60],
      webhookDisableAfterHours: 24,
      webhookConcurrencyPerEndpoint: 8,
      webhookAllowHttp: true,
      webhookAllowPrivateTargets: true,
    });
  });

  it('refuses a WEBHOOK_RETRY_SCHEDULE that is not a list of seconds, naming it', () => {
    expect(() => loadSettings({ WEBHOOK_RETRY_SCHEDULE: '5,soon' })).toThrow(/WEBHOOK_RETRY_SCHEDULE.*"soon"/);
  });

  it('refuses a LOG_FORMAT other than auto, json or pretty', () => {
    expect(() => loadSettings({ LOG_FORMAT: 'text' })).toThrow('Setting LOG_FORMAT must be one of auto, json, pretty, got "text"');
  });

  it('derives the default OCPP URL from PORT', () => {
    expect(loadSettings({ PORT: '8080' }).ocppPublicUrl).toBe('ws://localhost:8080/ocpp');
  });

  it('trims DATABASE_URL', () => {
    expect(loadSettings({ DATABASE_URL: '  mysql://u:p@h/db  ' }).databaseUrl).toBe('mysql://u:p@h/db');
  });

  it.each([
    'postgres://u:p@h/db',
    'mariadb://u:p@h/db',
    'sqlite:./data/x.sqlite',
    'mysql:/u:p@h/db',
    'h:3306/db',
    'http://mysql://h/db',
  ])('refuses DATABASE_URL=%s (must be mysql://)', (url) => {
    expect(() => loadSettings({ DATABASE_URL: url })).toThrow(/DATABASE_URL.*mysql:\/\//);
  });

  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['On', true],
    ['0', false],
    ['false', false],
    ['False', false],
    ['no', false],
    ['OFF', false],
  ])('DEMO_SEED=%s → %s', (raw, expected) => {
    expect(loadSettings({ DEMO_SEED: raw }).demoSeed).toBe(expected);
  });

  it.each(['maybe', '2', 'y', 'n', 'truee', 'enabled'])('refuses DEMO_SEED=%s naming the setting', (raw) => {
    expect(() => loadSettings({ DEMO_SEED: raw })).toThrow(`Setting DEMO_SEED must be true or false, got "${raw}"`);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '80.5'],
    ['PORT', '-1'],
    ['PORT', 'NaN'],
    ['PORT', '3000abc'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', 'ten'],
    ['BODY_LIMIT_BYTES', '0'],
    ['BODY_LIMIT_BYTES', '1MiB'],
    ['BODY_LIMIT_BYTES', 'Infinity'],
    ['SHUTDOWN_TIMEOUT_MS', '-5'],
    ['SHUTDOWN_TIMEOUT_MS', '1.5'],
  ])('refuses %s=%s naming the setting', (name, raw) => {
    expect(() => loadSettings({ [name]: raw })).toThrow(new RegExp(`^Setting ${name} must be a whole number from \\d+ to \\d+, got "${raw.replace('.', '\\.')}"$`));
  });

  it.each([
    ['DATABASE_POOL_SIZE', '1', 'databasePoolSize', 1],
    ['BODY_LIMIT_BYTES', '1', 'bodyLimitBytes', 1],
    ['PORT', '0', 'port', 0],
    ['SHUTDOWN_TIMEOUT_MS', '0', 'shutdownTimeoutMs', 0],
  ] as const)('accepts the minimum %s=%s', (name, raw, key, expected) => {
    expect(loadSettings({ [name]: raw })[key]).toBe(expected);
  });

  // SOURCE BUG (src/config/settings.ts, loadSettings: `port: integer(env, 'PORT', 3000)` has no
  // upper bound): PORT=70000 is accepted and only fails later when the server listens. Expected: a
  // startup error naming PORT. (Also accepted, via Number(): "0x10" → 16, "1e3" → 1000, "0b11" → 3.)
  it('refuses a PORT above 65535 naming the setting', () => {
    expect(() => loadSettings({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('disables rate limiting with RATE_LIMIT_PER_MINUTE=0', () => {
    expect(loadSettings({ RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
  });

  it.each(['-1', 'many', '1.5'])('refuses RATE_LIMIT_PER_MINUTE=%s naming the setting', (raw) => {
    expect(() => loadSettings({ RATE_LIMIT_PER_MINUTE: raw })).toThrow(/^Setting RATE_LIMIT_PER_MINUTE must be a whole number/);
  });

  it('accepts * and ignores empty entries in CORS_ORIGINS', () => {
    expect(loadSettings({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(loadSettings({ CORS_ORIGINS: 'https://a.example,,' }).corsOrigins).toEqual(['https://a.example']);
  });

  it.each(['app.example.com', 'https://app.example.com/path', 'ftp://x.example', 'https://a b'])(
    'refuses CORS_ORIGINS=%s naming the setting',
    (raw) => {
      expect(() => loadSettings({ CORS_ORIGINS: raw })).toThrow(/^Setting CORS_ORIGINS must be a comma-separated list of origins/);
    },
  );

  it('reads process.env when no environment is given', () => {
    const saved = process.env.PORT;
    process.env.PORT = '4321';
    try {
      expect(loadSettings().port).toBe(4321);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});
