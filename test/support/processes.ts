import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../../scripts/free-port.mjs';
import { startFlags } from '../../scripts/start-flags.mjs';
import type { Settings } from '../../src/settings/settings.js';

export { freePort };

/** A server process started from the production build (dist/main.js), as an operator runs it. */
export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Everything the process wrote to stdout so far (its JSON log lines). */
  output(): string;
  /** Sends a signal; resolves with the exit code once the process has ended. */
  signal(name: NodeJS.Signals): Promise<number | null>;
  /** `kill -9`: no shutdown hook runs, requests in flight are cut. Resolves once the process is gone. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Listen on this port (e.g. to restart a killed server where its clients expect it); default: a free one. */
  port?: number;
}


/**
 * Starts `node dist/main.js` with npm start's flags (the heap limits) on 127.0.0.1 against the same
 * database as `settings`, and waits until it is ready.
 */
export async function startServerProcess(
  settings: Settings,
  env: Record<string, string> = {},
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  if (!existsSync('dist/main.js')) throw new Error('dist/main.js is missing: run npm run build first (npm run test:e2e does)');
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [...startFlags(process.cwd()), 'dist/main.js'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: settings.databaseUrl ?? '',
      SQLITE_PATH: settings.sqlitePath,
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      ...env,
      OCPP_PUBLIC_URL: settings.ocppPublicUrl,
      DEFAULT_HEARTBEAT_INTERVAL: String(settings.defaultHeartbeatInterval),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server process exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server process did not become ready within 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    pid: child.pid!,
    output: () => stdout,
    signal: (name) => {
      child.kill(name);
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
