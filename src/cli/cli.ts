import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import type { TokenScope } from '../auth/api-token.entity.js';
import { ApiTokenRepository } from '../auth/api-token.repository.js';
import { CpoRepository } from '../auth/cpo.repository.js';
import { generateDemo } from './demo-generate.js';

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  cpo:create --id ACME --name "Acme Charging" --country NL --party ACM
      Creates a CPO (tenant). --country is ISO 3166-1 alpha-2, --party 3 characters.
  token:create --cpo ACME [--cpo OTHER] --scope read|write
      Creates an API token for one or more CPOs; prints it alone on the last line.
      Only its hash is stored: keep the printed token.
  token:revoke --token <token>
      Revokes a token at once.
  demo:generate --stations N [--cpo BENCH] [--batch 1000]
      Bulk-creates a benchmark dataset: the CPO when missing (BENCH: NL*BEN), N/10 locations,
      N stations × 2 EVSEs × 2 AC connectors, in transactions of --batch stations. Prints a write
      token for the CPO alone on the last line.

The CLI uses the same database as the server: DATABASE_URL (MySQL/MariaDB) or SQLITE_PATH.`;

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs one CLI command against an open data source; returns the process exit code. */
export async function runCli(args: string[], dataSource: () => Promise<DataSource>, io: CliOutput): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'cpo:create': {
        const { values } = parseArgs({
          args: rest,
          options: {
            id: { type: 'string' },
            name: { type: 'string' },
            country: { type: 'string' },
            party: { type: 'string' },
          },
        });
        const cpo = await new CpoRepository(await dataSource()).create({
          cpoId: values.id ?? '',
          name: values.name ?? '',
          countryCode: values.country ?? '',
          partyId: values.party ?? '',
        });
        io.out(`Created CPO ${cpo.cpoId} (${cpo.name}, ${cpo.countryCode}*${cpo.partyId})`);
        return 0;
      }
      case 'token:create': {
        const { values } = parseArgs({
          args: rest,
          options: { cpo: { type: 'string', multiple: true }, scope: { type: 'string' } },
        });
        const scope = values.scope ?? '';
        if (scope !== 'read' && scope !== 'write') throw new Error('--scope must be read or write');
        const cpos = values.cpo ?? [];
        const token = await new ApiTokenRepository(await dataSource()).create(cpos, scope as TokenScope);
        io.out(`Created a ${scope} token for ${cpos.join(', ')}. It is shown once; only its hash is stored:`);
        io.out(token);
        return 0;
      }
      case 'token:revoke': {
        const { values } = parseArgs({ args: rest, options: { token: { type: 'string' } } });
        if (!values.token) throw new Error('--token is required');
        const revoked = await new ApiTokenRepository(await dataSource()).revoke(values.token);
        if (!revoked) throw new Error('no active token matches');
        io.out('Token revoked');
        return 0;
      }
      case 'demo:generate': {
        const { values } = parseArgs({
          args: rest,
          options: { stations: { type: 'string' }, cpo: { type: 'string' }, batch: { type: 'string' } },
        });
        const stations = Number(values.stations);
        if (!values.stations || !/^\d+$/.test(values.stations)) throw new Error('--stations N is required (a whole number)');
        const batchSize = values.batch === undefined ? 1000 : Number(values.batch);
        if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new Error('--batch must be a whole number ≥ 1');
        const result = await generateDemo(await dataSource(), {
          stations,
          cpoId: values.cpo ?? 'BENCH',
          batchSize,
          progress: (line) => io.err(`demo:generate: ${line}`),
        });
        io.out(
          `${result.createdCpo ? 'Created' : 'Used'} CPO ${result.cpoId}; added ${result.locations} locations and ${result.stations} stations ` +
            `(${result.firstStationId} … ${result.lastStationId}) × 2 EVSEs × 2 connectors in ${(result.milliseconds / 1000).toFixed(1)} s. ` +
            'A write token (shown once; only its hash is stored):',
        );
        io.out(result.token);
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        io.err(`Unknown command ${command}\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
