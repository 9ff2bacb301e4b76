import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * The OCPI 2.2.1 judge: the JSON Schemas in ./schemas, written from the specification's tables
 * (github.com/ocpi/ocpi, release-2.2.1-bugfixes), compiled once. Unit tests check the mapping's
 * output with it; e2e tests check every OCPI object the service answers or pushes.
 */

const SCHEMA_FILES = ['types', 'connector', 'evse', 'location', 'response'] as const;
export type OcpiSchemaName = Exclude<(typeof SCHEMA_FILES)[number], 'types'>;

export const OCPI_SCHEMA_BASE = 'https://charge-stations-api.example/ocpi/2.2.1/';

export function loadOcpiSchema(name: (typeof SCHEMA_FILES)[number]): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`./schemas/${name}.schema.json`, import.meta.url), 'utf8')) as Record<string, any>;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function compiledSchema(ref: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    addFormats(ajv);
    for (const name of SCHEMA_FILES) ajv.addSchema(loadOcpiSchema(name));
  }
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.getSchema(`${OCPI_SCHEMA_BASE}${ref}`);
    if (!validate) throw new Error(`OCPI schema ${ref} is not there`);
    compiled.set(ref, validate);
  }
  return validate;
}

const describeError = (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`;

const errorsOf = (validate: ValidateFunction, value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map(describeError));

/** The schema's complaints about `value` as an OCPI `name` object; empty when it is valid. */
export function ocpiErrors(name: OcpiSchemaName, value: unknown): string[] {
  return errorsOf(compiledSchema(`${name}.schema.json`), value);
}

/** The same for one of the data types in types.schema.json (`Hours`, `DisplayText`, `EnergyMix`, …). */
export function ocpiTypeErrors(type: string, value: unknown): string[] {
  return errorsOf(compiledSchema(`types.schema.json#/$defs/${type}`), value);
}

/**
 * The JSON examples of the OCPI 2.2.1 specification (its `examples/` folder), by file name, when a
 * copy is at hand: `OCPI_SPEC_EXAMPLES` names the folder, else `shared/ocpi-2.2.1/examples` beside
 * the repository. They are the EVRoaming Foundation's text (CC BY-ND), so the repository does not
 * carry them; without a copy the tests that read them are skipped.
 */
export function ocpiSpecExamples(): Map<string, unknown> | undefined {
  const folder = process.env.OCPI_SPEC_EXAMPLES
    ? pathToFileURL(`${resolve(process.env.OCPI_SPEC_EXAMPLES)}/`)
    : new URL('../../../shared/ocpi-2.2.1/examples/', import.meta.url);
  if (!existsSync(folder)) return undefined;
  const examples = new Map<string, unknown>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
    examples.set(file, JSON.parse(readFileSync(new URL(file, folder), 'utf8')));
  }
  return examples.size > 0 ? examples : undefined;
}
