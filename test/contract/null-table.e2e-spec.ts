/**
 * The null table (issue 15): generated from the committed `openapi/openapi.json`. For every write
 * operation (a JSON request body) and every property of its body schema, at every depth (arrays:
 * item 0, and item 0 itself), one request with a valid body in which that one property is
 *   null · a value of the wrong JSON type · "" · a 5,000-character string · a string of exactly its
 *   maxLength · for arrays, 100 KB of copies of item 0 · and, where the schema requires it, left out.
 * Every answer must be the SPEC §2 envelope and match the document; never a 5xx. A 4xx names the
 * property (or something inside it) in `errors[].field` by its path in the request body
 * (`evses[0].connectors[0].standard`; the EVSE and connector endpoints' bodies are the EVSE and the
 * connector, so their paths start there), and leaves the written object's rows and every table's
 * row count as they were (see `fingerprint`). A 2xx leaves the object readable (GET → 200), and the
 * object is then put back as it was. The document and the validation must agree: a property the
 * document marks `nullable` takes null (2xx), any other refuses it (4xx); a value of the wrong JSON
 * type is refused. Read-only properties documented as ignored are sent too; for them only "never a
 * 5xx" and "a 4xx names the field" apply.
 *
 * A write operation the document gains needs a valid body in VALID below, or this test fails: new
 * operations and new properties are covered by construction.
 */
import { readFileSync } from 'node:fs';
import type { Response } from 'supertest';
import { contractViolations } from '../support/contract.js';
import { fullConnector, fullEvse, fullLocation, fullStation, fullStationFields, fullTemplate, type Json, without } from '../support/full-bodies.js';
import { auth, dialect, startFreshServer, tableFingerprint, type TestServer } from '../support/server.js';

type Schema = Record<string, any>;
type Segment = string | number;

const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as Schema;
const schemas = document.components.schemas as Record<string, Schema>;

const LOCATIONS = '/api/2.0/Locations';
const STATIONS = '/api/1.0/ChargeStations';
const TEMPLATES = `${STATIONS}/ChargestationTemplate`;
/**
 * Every table a write of these operations can touch. `station_documents` too: a write stores the
 * station's document with it and a read rebuilds one only when it is missing or behind, so a
 * refused write must leave them as they are.
 */
const TABLES = ['locations', 'charge_stations', 'evses', 'connectors', 'hardware_templates', 'station_configurations', 'station_documents', 'webhook_endpoints', 'webhook_deliveries'];
const LONG = 'x'.repeat(5000);
const MANY_BYTES = 100_000;

const location = (id: string) => fullLocation(id);
/** A station with one EVSE; `n` keeps uid and evse_id unique per station. */
const station = (id: string, n: string) => fullStation(id, 'NT-LOC', [fullEvse(`${id}-E1`, `NL*ACM*ENT${n}*1`)]);
const template = (id: string) => fullTemplate(id);

// ---------------------------------------------------------------------------------------------
// The HTTP side.

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: any;
}

let server: TestServer;
let token: string;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...auth(token), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: Object.fromEntries(res.headers), text, body: parsed };
}

/** Problems of an answer against the SPEC §2 envelope and the committed document. */
function answerProblems(method: string, path: string, answer: Answer): string[] {
  const problems: string[] = [];
  const body = answer.body as Json | undefined;
  if (!body || typeof body !== 'object') return [`not a JSON object: ${answer.text.slice(0, 200)}`];
  if (typeof body.status_code !== 'number' || typeof body.status_message !== 'string' || typeof body.timestamp !== 'string') problems.push('no envelope');
  if (answer.status >= 400 && 'data' in body) problems.push('an error with data');
  if (answer.status < 300 && !('data' in body)) problems.push('a success without data');
  const asSupertest = { req: { method, path }, status: answer.status, headers: answer.headers, body, text: answer.text } as unknown as Response;
  problems.push(...contractViolations(asSupertest));
  return problems;
}

async function etagOf(path: string): Promise<string> {
  const res = await call('GET', path);
  if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${res.text.slice(0, 300)}`);
  return String(res.headers.etag);
}

async function expectOk(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> {
  const res = await call(method, path, body, headers);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${res.text.slice(0, 500)}`);
  return res;
}

// ---------------------------------------------------------------------------------------------
// One valid request per write operation, keyed `METHOD /path/template` as in the document.

interface Fixture {
  /** Creates what the operation works on; runs once, before its first request. */
  setup?: () => Promise<void>;
  /** The URL and valid body of request `n` (n makes ids of creating requests unique). */
  request: (n: number) => { path: string; body: Json };
  /** Headers of every request on the current state (If-Match). */
  headers?: () => Record<string, string>;
  /** A digest of the rows of the object the operation writes (see `fingerprint`). */
  rows?: () => Promise<string>;
  /** After a 2xx: what must now answer GET with 200. */
  readable: (answer: Answer, path: string) => string[];
  /** After a 2xx: puts the object back as it was before (POSTs create new objects and need none). */
  restore?: () => Promise<void>;
}

const stationPath = (id: string) => `${STATIONS}/${id}`;

/**
 * An object an operation works on, written with its original body by PUT and put back the same
 * way (with its current etag) after every accepted write. Its etag is kept between requests: a
 * refused write leaves it as it is (the fingerprint proves that).
 */
function putFixture(path: string, original: Json, rows: () => Promise<string>) {
  let etag: string | undefined;
  return {
    setup: async () => {
      etag = (await expectOk('PUT', path, original)).headers.etag;
    },
    restore: async () => {
      etag = (await expectOk('PUT', path, original, { 'If-Match': await etagOf(path) })).headers.etag;
    },
    headers: (): Record<string, string> => (etag ? { 'If-Match': etag } : {}),
    rows,
  };
}

const stationRows = (id: string) => () => {
  const ofStation = 'station_pk IN (SELECT pk FROM charge_stations WHERE charge_station_id = ?)';
  return Promise.all([
    tableFingerprint(server.dataSource, 'charge_stations', 'charge_station_id = ?', [id]),
    ...['evses', 'connectors', 'station_configurations', 'station_documents'].map((table) => tableFingerprint(server.dataSource, table, ofStation, [id])),
  ]).then((parts) => parts.join('|'));
};

function stationFixture(id: string, n: string) {
  const original = station(id, n);
  return { ...putFixture(stationPath(id), original, stationRows(id)), original, uid: `${id}-E1` };
}

const locationFixture = (id: string) =>
  putFixture(`${LOCATIONS}/${id}`, location(id), () => tableFingerprint(server.dataSource, 'locations', 'id = ?', [id]));

const templateFixture = (id: string) =>
  putFixture(`${TEMPLATES}/${id}`, template(id), () => tableFingerprint(server.dataSource, 'hardware_templates', 'template_id = ?', [id]));

const locPut = locationFixture('NT-LOC-PUT');
const locPatch = locationFixture('NT-LOC-PATCH');
const csPut = stationFixture('NT-CS-PUT', '1');
const csPatch = stationFixture('NT-CS-PATCH', '2');
const evsePut = stationFixture('NT-CS-EVSE-PUT', '3');
const evsePatch = stationFixture('NT-CS-EVSE-PATCH', '4');
const connectorPatch = stationFixture('NT-CS-CONN-PATCH', '5');
const tplPut = templateFixture('NT-TPL-PUT');
const tplPutById = templateFixture('NT-TPL-PUT-ID');
const noEtag = { headers: () => ({}) };

const WEBHOOKS = '/api/1.0/webhooks';
/** A webhook endpoint with every writable property set (deliveries are off in this server). */
const webhook = () => ({ url: 'http://127.0.0.1:9/null-table', event_types: ['charge_station.created', 'evse.status_changed'], description: 'null table', enabled: true });

/** An endpoint an operation works on: made once, put back with PATCH after every accepted write. */
function webhookFixture() {
  let id = '';
  return {
    path: () => `${WEBHOOKS}/${id}`,
    setup: async () => {
      id = (await expectOk('POST', WEBHOOKS, { ...webhook(), cpo_id: 'ACME' })).body.data.id;
    },
    restore: async () => {
      await expectOk('PATCH', `${WEBHOOKS}/${id}`, webhook());
    },
    rows: () => tableFingerprint(server.dataSource, 'webhook_endpoints', 'id = ?', [id]),
  };
}
const hookPatch = webhookFixture();
const hookReplay = webhookFixture();

const stationPatchBody = fullStationFields('NT-CS-PATCH', 'NT-LOC');
const connectorPatchBody = without(fullConnector('1'), 'id');

const VALID: Record<string, Fixture> = {
  'POST /api/2.0/Locations': {
    request: (n) => ({ path: LOCATIONS, body: location(`NT-LOC-NEW-${n}`) }),
    readable: (answer) => [`${LOCATIONS}/${answer.body.data.id}`],
  },
  'PUT /api/2.0/Locations/{locationId}': {
    ...locPut,
    request: () => ({ path: `${LOCATIONS}/NT-LOC-PUT`, body: location('NT-LOC-PUT') }),
    readable: (_a, path) => [path],
  },
  'PATCH /api/2.0/Locations/{locationId}': {
    ...locPatch,
    ...noEtag,
    request: () => ({ path: `${LOCATIONS}/NT-LOC-PATCH`, body: without(location('NT-LOC-PATCH'), 'id') }),
    readable: (_a, path) => [path],
  },
  'POST /api/1.0/ChargeStations': {
    request: (n) => ({ path: STATIONS, body: station(`NT-CS-NEW-${n}`, `N${n}`) }),
    readable: (answer) => [stationPath(answer.body.data.charge_station_id)],
  },
  'PUT /api/1.0/ChargeStations/{chargeStationId}': {
    ...csPut,
    request: () => ({ path: stationPath('NT-CS-PUT'), body: csPut.original }),
    readable: (_a, path) => [path],
  },
  'PATCH /api/1.0/ChargeStations/{chargeStationId}': {
    ...csPatch,
    ...noEtag,
    request: () => ({ path: stationPath('NT-CS-PATCH'), body: stationPatchBody }),
    readable: (_a, path) => [path],
  },
  'PUT /api/1.0/ChargeStations/{chargeStationId}/evses/{uid}': {
    ...evsePut,
    request: () => ({ path: `${stationPath('NT-CS-EVSE-PUT')}/evses/${evsePut.uid}`, body: evsePut.original.evses[0] }),
    readable: (_a, path) => [path, stationPath('NT-CS-EVSE-PUT')],
  },
  'PATCH /api/1.0/ChargeStations/{chargeStationId}/evses/{uid}': {
    ...evsePatch,
    ...noEtag,
    request: () => ({ path: `${stationPath('NT-CS-EVSE-PATCH')}/evses/${evsePatch.uid}`, body: evsePatch.original.evses[0] }),
    readable: (_a, path) => [path, stationPath('NT-CS-EVSE-PATCH')],
  },
  'PATCH /api/1.0/ChargeStations/{chargeStationId}/evses/{uid}/connectors/{connectorId}': {
    ...connectorPatch,
    ...noEtag,
    request: () => ({ path: `${stationPath('NT-CS-CONN-PATCH')}/evses/${connectorPatch.uid}/connectors/1`, body: connectorPatchBody }),
    readable: (_a, path) => [path, stationPath('NT-CS-CONN-PATCH')],
  },
  'POST /api/1.0/ChargeStations/ChargestationTemplate': {
    request: (n) => ({ path: TEMPLATES, body: template(`NT-TPL-NEW-${n}`) }),
    readable: (answer) => [`${TEMPLATES}/${answer.body.data.template_id}`],
  },
  'PUT /api/1.0/ChargeStations/ChargestationTemplate': {
    ...tplPut,
    ...noEtag,
    request: () => ({ path: TEMPLATES, body: template('NT-TPL-PUT') }),
    readable: () => [`${TEMPLATES}/NT-TPL-PUT`],
  },
  'POST /api/1.0/webhooks': {
    request: () => ({ path: WEBHOOKS, body: { ...webhook(), cpo_id: 'ACME' } }),
    readable: (answer) => [`${WEBHOOKS}/${answer.body.data.id}`],
  },
  'PATCH /api/1.0/webhooks/{webhookId}': {
    ...hookPatch,
    ...noEtag,
    request: () => ({ path: hookPatch.path(), body: webhook() }),
    readable: (_a, path) => [path],
  },
  'POST /api/1.0/webhooks/{webhookId}/replay': {
    ...hookReplay,
    ...noEtag,
    restore: undefined,
    request: () => ({ path: `${hookReplay.path()}/replay`, body: { since: '2026-01-01T00:00:00Z' } }),
    readable: () => [hookReplay.path()],
  },
  'PUT /api/1.0/ChargeStations/ChargestationTemplate/{templateId}': {
    ...tplPutById,
    ...noEtag,
    request: () => ({ path: `${TEMPLATES}/NT-TPL-PUT-ID`, body: template('NT-TPL-PUT-ID') }),
    readable: (_a, path) => [path],
  },
};

// ---------------------------------------------------------------------------------------------
// The document side: write operations, their body schemas, every property.

interface Property {
  path: Segment[];
  /** The resolved schema: `$ref`, a lone `allOf` and a nullable `anyOf` looked through. */
  schema: Schema;
  nullable: boolean;
  readOnly: boolean;
  required: boolean;
  /** Item 0 of an array, not a named property. */
  item: boolean;
}

function resolve(node: Schema): { schema: Schema; nullable: boolean; readOnly: boolean } {
  let nullable = node.nullable === true || (Array.isArray(node.enum) && node.enum.includes(null));
  let readOnly = node.readOnly === true;
  let schema = node;
  for (;;) {
    if (schema.$ref) {
      schema = schemas[String(schema.$ref).replace('#/components/schemas/', '')];
    } else if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
      schema = schema.allOf[0];
    } else if (Array.isArray(schema.anyOf)) {
      const others = schema.anyOf.filter((s: Schema) => !(Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null));
      if (others.length !== schema.anyOf.length) nullable = true;
      if (others.length !== 1) throw new Error(`cannot walk anyOf ${JSON.stringify(schema)}`);
      schema = others[0];
    } else break;
    nullable ||= schema.nullable === true;
    readOnly ||= schema.readOnly === true;
  }
  return { schema, nullable, readOnly };
}

const typeOf = (schema: Schema): string => schema.type ?? (schema.properties ? 'object' : 'unknown');

function properties(node: Schema, prefix: Segment[] = []): Property[] {
  const { schema } = resolve(node);
  const found: Property[] = [];
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    const resolved = resolve(sub);
    const property: Property = { path: [...prefix, name], ...resolved, required: (schema.required ?? []).includes(name), item: false };
    found.push(property);
    if (!property.readOnly) found.push(...inside(property));
  }
  return found;
}

function inside(property: Property): Property[] {
  const type = typeOf(property.schema);
  if (type === 'object') return properties(property.schema, property.path);
  if (type !== 'array') return [];
  const items = resolve(property.schema.items ?? {});
  const item: Property = { path: [...property.path, 0], ...items, readOnly: false, required: false, item: true };
  return [item, ...inside(item)];
}

const fieldPath = (path: Segment[]) => path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

interface Variant {
  name: string;
  /** `remove`: the property is left out; `derive`: the value made from the valid one. */
  value?: unknown;
  remove?: boolean;
  derive?: (valid: unknown) => unknown;
  /** What validation must say, beyond "never a 5xx": refused (4xx) or accepted (2xx). */
  expect?: 'refused' | 'accepted';
}

/** A value of another JSON type than the schema's (numbers for strings, strings for the rest, …). */
function wrongTypes(schema: Schema): unknown[] {
  switch (typeOf(schema)) {
    case 'string':
      return [12345];
    case 'integer':
    case 'number':
      return ['12'];
    case 'boolean':
      return ['true'];
    case 'array':
      return ['x', {}];
    case 'object':
      return ['x', []];
    default:
      return [];
  }
}

function variants(p: Property): Variant[] {
  const judged = !p.readOnly;
  const list: Variant[] = [{ name: 'null', value: null, expect: judged ? (p.nullable ? 'accepted' : 'refused') : undefined }];
  for (const value of wrongTypes(p.schema)) list.push({ name: `wrong type ${JSON.stringify(value)}`, value, expect: judged ? 'refused' : undefined });
  if (p.item) return list;
  list.push({ name: '""', value: '' }, { name: '5,000 characters', value: LONG });
  if (typeof p.schema.maxLength === 'number') list.push({ name: `maxLength (${p.schema.maxLength})`, value: 'x'.repeat(p.schema.maxLength) });
  if (!p.readOnly && typeOf(p.schema) === 'array') list.push({ name: `${MANY_BYTES / 1000} KB of copies of item 0`, derive: manyCopies });
  if (p.required) list.push({ name: 'left out', remove: true, expect: 'refused' });
  return list;
}

/**
 * The array's item 0 repeated to about MANY_BYTES of JSON: the arrays' counterpart of the 5,000
 * characters (a long array must fit where it is stored, or be refused).
 */
function manyCopies(valid: unknown): unknown[] {
  if (!Array.isArray(valid) || valid.length === 0) throw new Error('the valid body needs an item 0 in every array: complete it');
  return Array.from({ length: Math.ceil(MANY_BYTES / (JSON.stringify(valid[0]).length + 1)) }, () => structuredClone(valid[0]));
}

function mutated(body: Json, path: Segment[], variant: Variant): Json {
  const copy = structuredClone(body);
  let node: any = copy;
  path.slice(0, -1).forEach((segment, i) => {
    if (node[segment] === null || typeof node[segment] !== 'object') {
      throw new Error(`the valid body has no ${fieldPath(path.slice(0, i + 1))} to reach ${fieldPath(path)}: complete it`);
    }
    node = node[segment];
  });
  const last = path[path.length - 1];
  if (variant.remove) delete node[last];
  else if (variant.derive) node[last] = variant.derive(node[last]);
  else node[last] = variant.value;
  return copy;
}

interface WriteOperation {
  key: string;
  method: string;
  schema: Schema;
}

const writeOperations: WriteOperation[] = Object.entries(document.paths as Record<string, Schema>).flatMap(([template, item]) =>
  ['post', 'put', 'patch']
    .filter((method) => item[method]?.requestBody)
    .map((method) => ({
      key: `${method.toUpperCase()} ${template}`,
      method: method.toUpperCase(),
      schema: item[method].requestBody.content?.['application/json']?.schema ?? {},
    })),
);

// ---------------------------------------------------------------------------------------------

const statuses: Record<number, number> = {};
const counts = { operations: 0, properties: 0, requests: 0 };
const started = Date.now();

/**
 * What a refused write must leave as it was: the row count of every table, and every row of the
 * object the operation writes (its station with EVSEs, connectors, configuration and stored
 * document; its location; its template). Not a digest of every row of every table: the POSTs
 * leave a few hundred stations behind, and reading all of them after each of ~2,000 refusals
 * would be most of the run time.
 */
async function fingerprint(fixture: Fixture): Promise<string> {
  const [counts] = await server.dataSource.query(`SELECT ${TABLES.map((table) => `(SELECT COUNT(*) FROM ${table}) AS ${table}`).join(', ')}`);
  return `${JSON.stringify(counts)}|${(await fixture.rows?.()) ?? ''}`;
}

describe(`The null table: every property of every write body, null / wrong type / "" / huge / absent (${dialect})`, () => {
  beforeAll(async () => {
    server = await startFreshServer({ rateLimitPerMinute: 0, webhooksEnabled: false, webhookAllowHttp: true, webhookAllowPrivateTargets: true });
    token = await server.tenant('ACME');
    await expectOk('PUT', `${LOCATIONS}/NT-LOC`, location('NT-LOC'));
  });

  afterAll(async () => {
    const histogram = Object.entries(statuses).map(([status, n]) => `${status}: ${n}`).join(', ');
    console.log(
      `null table (${dialect}): ${counts.operations} operations × ${counts.properties} properties × variants = ${counts.requests} requests ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${histogram}`,
    );
    await server?.close();
  });

  it('every write operation in the document has a valid body here (new operations are covered by construction)', () => {
    expect(writeOperations.length).toBeGreaterThan(0);
    expect(writeOperations.map((o) => o.key).filter((key) => !VALID[key])).toEqual([]);
  });

  it.each(writeOperations.map((o) => [o.key, o] as const))('%s', async (_key, operation) => {
    const fixture = VALID[operation.key];
    if (!fixture) return; // reported by the test above
    await fixture.setup?.();
    const found = properties(operation.schema);
    expect(found.length).toBeGreaterThan(0);
    counts.operations++;
    counts.properties += found.length;
    const problems: string[] = [];
    let n = 0;
    let before = await fingerprint(fixture);
    for (const property of found) {
      const field = fieldPath(property.path);
      for (const variant of variants(property)) {
        const { path, body: valid } = fixture.request(++n);
        const body = mutated(valid, property.path, variant);
        const headers = fixture.headers?.() ?? {};
        const answer = await call(operation.method, path, body, headers);
        counts.requests++;
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        const where = `${operation.method} ${path} with ${field} = ${variant.name}`;
        const fail = (why: string) => problems.push(`${where} → ${answer.status}: ${why}\n    ${answer.text.slice(0, 300)}`);
        if (answer.status >= 500) fail('a 5xx');
        for (const problem of answerProblems(operation.method, path, answer)) fail(problem);
        if (answer.status >= 400 && answer.status < 500) {
          const named = ((answer.body?.errors ?? []) as { field?: string }[]).map((e) => e.field);
          // The property, or something inside it (copies of an EVSE clash on their uid); an array's
          // item may be named by its array.
          const names = (f: string | undefined) =>
            f !== undefined && (f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`) || (property.item && f === fieldPath(property.path.slice(0, -1))));
          if (!named.some(names)) fail(`errors do not name ${field} (they name ${JSON.stringify(named)})`);
          if ((await fingerprint(fixture)) !== before) fail('a refused write changed the tables');
          if (variant.expect === 'accepted') fail(`${field} is nullable in the document, but null was refused`);
        }
        if (answer.status < 300) {
          if (variant.expect === 'refused') fail(property.nullable || variant.remove ? 'should have been refused' : `${field} is not nullable in the document (or of another type), but this was accepted`);
          for (const readable of fixture.readable(answer, path)) {
            const read = await call('GET', readable);
            if (read.status !== 200) fail(`GET ${readable} afterwards → ${read.status}: ${read.text.slice(0, 200)}`);
            for (const problem of answerProblems('GET', readable, read)) fail(`GET ${readable} afterwards: ${problem}`);
          }
          await fixture.restore?.();
          before = await fingerprint(fixture);
        }
      }
    }
    if (problems.length) throw new Error(`${problems.length} problem(s):\n  ${problems.slice(0, 60).join('\n  ')}`);
  }, 300_000);
});
