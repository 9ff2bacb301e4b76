import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Node flags `npm start` runs the service with (package.json's start script, e.g. the heap
 * limits), for the scripts that start the production build themselves and measure it as operators
 * run it: bench/run.mjs, scripts/reliability/soak.mjs.
 */
export function startFlags(root) {
  const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;
  return start.split(/\s+/).filter((token) => token.startsWith('--'));
}
