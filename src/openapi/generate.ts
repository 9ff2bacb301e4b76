import { readFileSync, writeFileSync } from 'node:fs';
import { createApp } from '../app.factory.js';
import { loadSettings } from '../settings/settings.js';
import { buildOpenApiDocument } from './document.js';

export const OPENAPI_PATH = 'openapi/openapi.json';

/** The OpenAPI document as committed, built from the code without touching a database. */
export async function generateOpenApiJson(): Promise<string> {
  const app = await createApp({ ...loadSettings({}), logLevel: 'silent' }, { preview: true });
  const document = buildOpenApiDocument(app);
  await app.close();
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const generated = await generateOpenApiJson();
  if (process.argv.includes('--check')) {
    const committed = readFileSync(OPENAPI_PATH, 'utf8');
    if (committed !== generated) {
      process.stderr.write(`${OPENAPI_PATH} is out of date: run npm run openapi and commit the result\n`);
      process.exit(1);
    }
    process.stdout.write(`${OPENAPI_PATH} matches the code\n`);
  } else {
    writeFileSync(OPENAPI_PATH, generated);
    process.stdout.write(`wrote ${OPENAPI_PATH}\n`);
  }
}
