import { DataSource } from 'typeorm';
import { createApp } from './app.factory.js';
import { loadEnvFile } from './settings/env-file.js';
import { loadSettings } from './settings/settings.js';
import { seedDemoOnFirstStart } from './database/demo-seed.js';

async function main(): Promise<void> {
  loadEnvFile();
  const settings = loadSettings();
  const app = await createApp(settings);

  const demo = await seedDemoOnFirstStart(settings, app.get(DataSource));
  if (demo) {
    const base = `http://localhost:${settings.port}`;
    process.stdout.write(
      [
        '',
        `New embedded database: created demo CPO ${demo.cpoId} with location ${demo.locationId}.`,
        'Demo write token (shown this once; only its hash is stored):',
        `  ${demo.token}`,
        `Try:  curl -H "Authorization: Token ${demo.token}" ${base}/api/2.0/Locations`,
        `Docs: ${base}/docs`,
        '',
      ].join('\n') + '\n',
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`received ${signal}: finishing requests in flight\n`);
    setTimeout(() => process.exit(1), settings.shutdownTimeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await app.listen({ port: settings.port, host: settings.host });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
