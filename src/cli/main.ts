import type { DataSource } from 'typeorm';
import { loadEnvFile } from '../settings/env-file.js';
import { loadSettings } from '../settings/settings.js';
import { openDataSource } from '../database/data-source.js';
import { runCli } from './cli.js';

loadEnvFile();
let opened: DataSource | undefined;
const code = await runCli(
  process.argv.slice(2),
  async () => (opened ??= await openDataSource({ ...loadSettings(), logLevel: 'silent' })),
  { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) },
);
await opened?.destroy();
process.exitCode = code;
