import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/**
 * For the scripts that measure against MariaDB (bench/run.mjs, scripts/reliability/soak.mjs): runs
 * the calling script again under scripts/with-mariadb.sh (a throwaway MariaDB, TEST_DATABASE_URL set)
 * and exits with that run's code; returns at once when this already is that run (`marker` set).
 */
export async function rerunUnderMariadb(root, self, marker) {
  if (process.env[marker] === '1') return;
  const child = spawn('bash', [join(root, 'scripts', 'with-mariadb.sh'), process.execPath, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, [marker]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  const [code] = await once(child, 'exit');
  process.exit(code ?? 1);
}
