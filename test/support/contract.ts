import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type request from 'supertest';
import type { Response } from 'supertest';

/**
 * The contract test's judge: a response is checked against the committed `openapi/openapi.json`
 * — its status code must be documented for the operation, its JSON body must match the documented
 * schema with no undocumented field (`additionalProperties: false` on every object schema), and
 * the API's own headers (`ETag`, `X-Total-Count`, `Link`) may only appear where documented.
 */

type Schema = Record<string, any>;
interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  staticSegments: number;
  operation: Schema;
}

const DOCUMENT_PATH = new URL('../../openapi/openapi.json', import.meta.url);
const document = JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as Schema;
const SCHEMA_ID = 'openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Headers whose presence is part of this API's contract. */
const CONTRACT_HEADERS = ['etag', 'x-total-count', 'link'];

/** OpenAPI 3.0 schema → JSON Schema (draft-07) for Ajv, strict about undocumented fields. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const source = node as Schema;
  const schema: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (['example', 'examples', 'nullable', 'readOnly', 'writeOnly', 'xml', 'externalDocs', 'discriminator', 'deprecated'].includes(key)) continue;
    if (key === '$ref') schema.$ref = String(value).replace('#/components/schemas/', `${SCHEMA_ID}#/definitions/`);
    else if (key === 'properties') schema.properties = Object.fromEntries(Object.entries(value as Schema).map(([name, sub]) => [name, toJsonSchema(sub)]));
    else schema[key] = toJsonSchema(value);
  }
  if (source.nullable === true) {
    if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  }
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object')) || schema.properties;
  if (isObject && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  return schema;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ $id: SCHEMA_ID, definitions: toJsonSchema(document.components?.schemas ?? {}) as Schema });

const operations: Operation[] = [];
for (const [template, item] of Object.entries(document.paths as Record<string, Schema>)) {
  for (const method of METHODS) {
    if (!item[method]) continue;
    const segments = template.split('/');
    const pattern = new RegExp(`^${segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`, 'i');
    operations.push({ method, template, pattern, staticSegments: segments.filter((s) => !s.startsWith('{')).length, operation: item[method] });
  }
}

/** The operation a request went to; static segments win, as in the router (`ChargestationTemplate` before `{id}`). */
export function findOperation(method: string, path: string): Operation | undefined {
  const pathname = path.split('?')[0];
  return operations
    .filter((o) => o.method === method.toLowerCase() && o.pattern.test(pathname))
    .sort((a, b) => b.staticSegments - a.staticSegments)[0];
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Schema): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(schema) as Schema);
    validators.set(key, validate);
  }
  return validate;
}

/** `operationId status` of every response checked so far (the contract test asserts its coverage). */
export const exercised = new Set<string>();

/** Every operationId in the document. */
export const documentedOperationIds = operations.map((o) => o.operation.operationId as string);

/** Every way `response` breaks the documented contract; empty when it keeps it. */
export function contractViolations(res: Response): string[] {
  const req = (res as unknown as { req: { method: string; path: string } }).req;
  const method = req.method.toUpperCase();
  const where = `${method} ${req.path} → ${res.status}`;
  // CORS preflights, Swagger UI (/docs) and the OCPP upgrade are not part of the documented API.
  if (method === 'OPTIONS' || !/^\/(api|health)\//i.test(req.path)) return [];
  const found = findOperation(method, req.path);
  if (!found) {
    // Unknown routes answer 404 with the error envelope; nothing else may be undocumented.
    if (res.status !== 404) return [`${where}: no documented operation for this request`];
    const validate = validatorFor('ErrorEnvelope', { $ref: '#/components/schemas/ErrorEnvelope' });
    return validate(res.body) ? [] : [`${where}: body does not match ErrorEnvelope: ${ajv.errorsText(validate.errors)}`];
  }
  const id = found.operation.operationId as string;
  exercised.add(`${id} ${res.status}`);
  const responses = found.operation.responses as Record<string, Schema>;
  const documented = responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`] ?? responses.default;
  if (!documented) return [`${where}: status ${res.status} is not documented for ${id} (documents ${Object.keys(responses).join(', ')})`];

  const problems: string[] = [];
  const documentedHeaders = Object.keys(documented.headers ?? {}).map((h) => h.toLowerCase());
  for (const header of CONTRACT_HEADERS) {
    if (res.headers[header] !== undefined && !documentedHeaders.includes(header)) {
      problems.push(`${where}: header ${header} is sent but not documented for ${id} ${res.status}`);
    }
  }
  const contentType = String(res.headers['content-type'] ?? '').split(';')[0].trim();
  const content = documented.content as Record<string, Schema> | undefined;
  if (!content) {
    if (res.text) problems.push(`${where}: ${id} ${res.status} documents no body, got ${contentType}`);
    return problems;
  }
  const media = content[contentType];
  if (!media) return [...problems, `${where}: content type ${contentType || '(none)'} is not documented for ${id} ${res.status} (${Object.keys(content).join(', ')})`];
  if (contentType === 'application/json' && media.schema) {
    const validate = validatorFor(`${id} ${res.status}`, media.schema);
    if (!validate(res.body)) {
      const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
      problems.push(`${where}: body does not match ${id} ${res.status}: ${errors.join('; ')}`);
    }
  }
  return problems;
}

/** Fails the test when `res` breaks the documented contract; returns it for chaining. */
export function expectContract<T extends Response>(res: T): T {
  const problems = contractViolations(res);
  if (problems.length) throw new Error(`OpenAPI contract violated:\n  ${problems.join('\n  ')}`);
  return res;
}

type Agent = ReturnType<typeof request>;
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/**
 * `request(url)` whose every response is checked with `expectContract` once the test awaits it
 * (after supertest's own `.expect(…)` assertions).
 */
export function contractChecked(agent: Agent): Agent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !HTTP_METHODS.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const test = value.apply(target, args);
        const then = test.then.bind(test);
        test.then = (onFulfilled?: (res: Response) => unknown, onRejected?: (error: unknown) => unknown) =>
          then((res: Response) => expectContract(res)).then(onFulfilled, onRejected);
        return test;
      };
    },
  });
}
