import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from './processes.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SBIN = ['/usr/sbin', '/usr/local/sbin'];
const PATH = [process.env.PATH ?? '', ...SBIN].join(':');

/** Whether the MariaDB server binaries are installed (the e2e MariaDB pass needs them anyway). */
export function mariadbInstalled(): boolean {
  const dirs = PATH.split(':').filter(Boolean);
  return ['mariadbd', 'mariadb-install-db', 'mariadb-admin', 'mariadb'].every((tool) => dirs.some((dir) => existsSync(join(dir, tool))));
}

/**
 * A private MariaDB server of one test: its own data dir, socket and 127.0.0.1 port in a temp
 * folder, so a test may shut it down, kill or freeze it, and start it again on the same port and
 * data dir — which the shared server of `scripts/with-mariadb.sh` must never suffer.
 */
export interface PrivateMariaDb {
  /** `mysql://cs:cs@127.0.0.1:<port>/cs`: database `cs`, user cs/cs with all privileges on it. */
  url: string;
  port: number;
  /** The pid of the running mariadbd, or undefined while it is stopped. */
  pid(): number | undefined;
  /** Starts the server again on the same port and data dir; resolves once it answers a ping. */
  start(): Promise<void>;
  /** Clean shutdown (`mariadb-admin shutdown`); resolves once the process has exited. */
  shutdown(): Promise<void>;
  /**
   * Sends a signal to mariadbd (SIGKILL: a crash, SIGSTOP/SIGCONT: a frozen host). SIGKILL and
   * SIGTERM resolve once the process has exited, SIGSTOP once every thread of it has stopped.
   */
  signal(name: NodeJS.Signals): Promise<void>;
  /** Stops the server (whatever its state) and removes the folder. */
  destroy(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stop signal takes effect thread by thread, when each next runs: on a busy machine that can take a while. */
async function allThreadsStopped(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const states = readdirSync(`/proc/${pid}/task`).map((task) => {
      try {
        return /\) (\S)/.exec(readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8'))?.[1];
      } catch {
        return 'T'; // the thread has just ended
      }
    });
    if (states.every((state) => state === 'T' || state === 't')) return;
    if (Date.now() > deadline) throw new Error(`mariadbd did not stop within 10 s (thread states ${states.join('')})`);
    await sleep(5);
  }
}
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Creates a data dir, starts mariadbd on a free port and creates database and user `cs`. */
export async function startPrivateMariaDb(): Promise<PrivateMariaDb> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-mariadb-'));
  try {
    return await startIn(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(dir: string): Promise<PrivateMariaDb> {
  // Its own tmpdir too: bootstraps running at the same moment clash over temporary table names in /tmp.
  mkdirSync(join(dir, 'tmp'));
  const socket = join(dir, 'sock');
  const errorLog = join(dir, 'err.log');
  const root = process.getuid?.() === 0 ? 'root' : (process.env.USER ?? 'root');
  const userOption = process.getuid?.() === 0 ? ['--user=root'] : [];
  const env = { ...process.env, PATH };
  const admin = (...args: string[]) => run('mariadb-admin', ['--no-defaults', `--socket=${socket}`, `-u${root}`, ...args], { env, timeout: 10_000 });
  const sql = (statement: string) => run('mariadb', ['--no-defaults', `--socket=${socket}`, `-u${root}`, '-e', statement], { env, timeout: 10_000 });

  await run(
    'mariadb-install-db',
    ['--no-defaults', ...userOption, `--datadir=${dir}/data`, `--tmpdir=${dir}/tmp`, '--auth-root-authentication-method=socket', `--auth-root-socket-user=${root}`, '--skip-test-db'],
    { env, timeout: 60_000 },
  );

  let port = 0;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async (): Promise<boolean> => {
    const server = spawn(
      'mariadbd',
      [
        '--no-defaults', ...userOption, `--datadir=${dir}/data`, `--tmpdir=${dir}/tmp`, `--socket=${socket}`, `--pid-file=${dir}/pid`,
        `--port=${port}`, '--bind-address=127.0.0.1', `--log-error=${errorLog}`,
        '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci', '--innodb-buffer-pool-size=64M',
      ],
      { env, stdio: 'ignore' },
    );
    live.add(server);
    child = server;
    exited = new Promise((resolve) =>
      server.once('exit', () => {
        live.delete(server);
        if (child === server) child = undefined;
        resolve();
      }),
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (server.exitCode !== null || server.signalCode !== null) return false;
      try {
        await admin('ping');
        return true;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) {
        server.kill('SIGKILL');
        throw new Error(`mariadbd did not answer within 30 s:\n${readFileSync(errorLog, 'utf8').slice(-2000)}`);
      }
      await sleep(100);
    }
  };

  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    if (await launch()) break;
    if (attempt >= 5 || !/bind on tcp\/ip port|address already in use/i.test(readFileSync(errorLog, 'utf8'))) {
      throw new Error(`mariadbd exited during start-up:\n${readFileSync(errorLog, 'utf8').slice(-2000)}`);
    }
  }
  await sql(
    "CREATE DATABASE cs CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; CREATE USER 'cs'@'127.0.0.1' IDENTIFIED BY 'cs'; " +
      "CREATE USER 'cs'@'localhost' IDENTIFIED BY 'cs'; GRANT ALL ON cs.* TO 'cs'@'127.0.0.1'; GRANT ALL ON cs.* TO 'cs'@'localhost';",
  );

  const stopped = async () => {
    const deadline = Date.now() + 30_000;
    while (child && Date.now() < deadline) await Promise.race([exited, sleep(200)]);
    if (child) throw new Error('mariadbd did not exit within 30 s');
  };

  return {
    url: `mysql://cs:cs@127.0.0.1:${port}/cs`,
    port,
    pid: () => child?.pid,
    async start() {
      if (child) throw new Error('mariadbd is already running');
      // The port was ours a moment ago; a socket of the old process in TIME_WAIT does not stop a
      // listener (mariadbd sets SO_REUSEADDR), but another process could have taken it meanwhile.
      if (!(await launch())) throw new Error(`mariadbd did not start again on port ${port}:\n${readFileSync(errorLog, 'utf8').slice(-2000)}`);
    },
    async shutdown() {
      if (!child) return;
      await admin('shutdown');
      await stopped();
    },
    async signal(name) {
      if (!child) throw new Error('mariadbd is not running');
      child.kill(name);
      if (name === 'SIGKILL' || name === 'SIGTERM') await stopped();
      if (name === 'SIGSTOP') await allThreadsStopped(child.pid!);
    },
    async destroy() {
      if (child) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
        await stopped();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
