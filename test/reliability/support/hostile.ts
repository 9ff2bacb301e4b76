import fc from 'fast-check';

/** Strings aimed at SQL, NoSQL, path, template, log and header handling. */
export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE charge_stations; --",
  '" OR ""="',
  '1; SELECT SLEEP(5)',
  "') UNION SELECT token_hash FROM api_tokens --",
  '\\',
  '%',
  '_',
  '%27%20OR%201%3D1',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '{"$gt": ""}',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '\u0000',
  'a\u0000b',
  '\r\nSet-Cookie: x=1',
  '\u202e\u0041',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '😀'.repeat(20),
  '\ud800',
  'ChargestationTemplate',
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  ' ',
  '',
];

const huge = fc.integer({ min: 2_000, max: 120_000 }).chain((n) => fc.constantFrom('x', 'é', '😀', "'", '\\').map((c) => c.repeat(Math.ceil(n / c.length))));

/**
 * Arrays or objects nested up to 20,000 levels deep. Too deep for JSON.stringify, so a placeholder
 * string stands in for it until `expandDeep` writes the nesting into the JSON text.
 */
const deep = fc.tuple(fc.integer({ min: 20, max: 20_000 }), fc.boolean()).map(([depth, arrays]) => `\u0001deep:${depth}:${arrays}\u0001`);

function expandDeep(json: string): string {
  return json.replace(/"\\u0001deep:(\d+):(true|false)\\u0001"/g, (_m, depth: string, arrays: string) => {
    const n = Number(depth);
    return arrays === 'true' ? `${'['.repeat(n)}"leaf"${']'.repeat(n)}` : `${'{"a":'.repeat(n)}"leaf"${'}'.repeat(n)}`;
  });
}

/** A value of any JSON type that a field is unlikely to accept. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...INJECTIONS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }), weight: 2 },
  { arbitrary: huge, weight: 1 },
  { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308)), weight: 3 },
  { arbitrary: fc.constantFrom(true, false, null), weight: 2 },
  { arbitrary: fc.constant(null).map(() => ({})), weight: 1 },
  { arbitrary: fc.constant(null).map(() => []), weight: 1 },
  { arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 5 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }), weight: 1 },
  { arbitrary: deep, weight: 1 },
);

/** An id for a path segment or a filter: injections, unicode, huge, or plain. */
export const hostileId = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.integer({ min: 49, max: 2_000 }).map((n) => 'I'.repeat(n)),
  fc.stringMatching(/^[A-Za-z0-9*\-_=:+|@.]{1,48}$/),
);

type Json = Record<string, unknown>;

/** Every path into a JSON value (to a few levels), e.g. ['evses', 0, 'connectors', 1, 'standard']. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (prefix.length >= 8) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...paths(item, [...prefix, i])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
  }
  return [];
}

function valueAt(target: unknown, path: (string | number)[]): unknown {
  let node = target as Record<string | number, unknown>;
  for (const key of path) node = node[key] as Record<string | number, unknown>;
  return node;
}

function setAt(target: unknown, path: (string | number)[], value: unknown, remove: boolean): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
}

/**
 * Null, or a value of another JSON type than `value` (whose type the valid body shows): what a
 * client with a wrong idea of the schema sends. `flavour` picks one.
 */
export function retyped(value: unknown, flavour: number): unknown {
  if (flavour % 2 === 0) return null;
  const others: unknown[] =
    typeof value === 'string'
      ? [0, 12345, true, {}, [value]]
      : typeof value === 'number'
        ? [String(value), '', true, [value]]
        : typeof value === 'boolean'
          ? [String(value), 1, 0]
          : Array.isArray(value)
            ? [{}, 'x', '', 0, [null], [[]]]
            : value && typeof value === 'object'
              ? [[], [value], 'x', '', 0, true]
              : [{}, [], 'x'];
  return others[Math.floor(flavour / 2) % others.length];
}

type Mutation =
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'retype'; pick: number; flavour: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'extra'; pick: number; key: string; value: unknown };

const retype = fc.record({ kind: fc.constant('retype' as const), pick: fc.nat(), flavour: fc.nat() });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue }), weight: 5 },
  { arbitrary: retype, weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      pick: fc.nat(),
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'cpo_pk', 'pk', 'id', 'admin', 'etag'), fc.string({ minLength: 1, maxLength: 12 })),
      value: hostileValue,
    }),
    weight: 2,
  },
);

/**
 * The raw JSON text of a hostile body: a valid body with 1–4 mutations; or with exactly one value,
 * at any depth, made null or of another JSON type (alone, so that no other broken field is refused
 * first and hides what the service does with it); or something else entirely.
 */
export function hostileBody(valid: Json): fc.Arbitrary<string> {
  const apply = (mutations: Mutation[]) => {
    const body = structuredClone(valid) as Json;
    for (const m of mutations) {
      const candidates = paths(body);
      if (m.kind === 'extra') {
        const containers = [[], ...candidates].filter((p) => {
          let node: unknown = body;
          for (const key of p) node = (node as Record<string | number, unknown>)[key];
          return node !== null && typeof node === 'object' && !Array.isArray(node);
        });
        const at = containers[m.pick % containers.length];
        let node = body as Record<string, unknown>;
        for (const key of at) node = node[key] as Record<string, unknown>;
        // An own property even for "__proto__", as a client's JSON would carry it.
        Object.defineProperty(node, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      } else if (candidates.length) {
        const at = candidates[m.pick % candidates.length];
        if (m.kind === 'retype') setAt(body, at, retyped(valueAt(body, at), m.flavour), false);
        else setAt(body, at, m.kind === 'replace' ? m.value : undefined, m.kind === 'remove');
      }
    }
    return expandDeep(JSON.stringify(body));
  };
  const mutated = fc.array(mutation, { minLength: 1, maxLength: 4 }).map(apply);
  const retypedOnce = retype.map((m) => apply([m]));
  const other = fc.oneof(
    hostileValue.map((v) => expandDeep(JSON.stringify(v) ?? 'null')),
    fc.constantFrom('', '{', '{"a":}', '[1,2', 'nul', '{"a":1}{"b":2}', '\u0000', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}'),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
  return fc.oneof({ arbitrary: mutated, weight: 8 }, { arbitrary: retypedOnce, weight: 4 }, { arbitrary: other, weight: 2 });
}

/** `encodeURIComponent` that takes any string (lone surrogates become U+FFFD). */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}
