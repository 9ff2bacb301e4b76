import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * SPEC §10 "Delivery", targets: which webhook URLs the service may call. A webhook makes the
 * service send requests wherever a partner says, so without this guard a partner could reach the
 * service's own network (server-side request forgery). The check runs when an endpoint is created
 * and again at every connection (see http-delivery.ts), since DNS may answer differently later.
 */
export interface TargetPolicy {
  /** `WEBHOOK_ALLOW_HTTP`: accept plain http as well as https. */
  allowHttp: boolean;
  /** `WEBHOOK_ALLOW_PRIVATE_TARGETS`: skip the address check entirely (local development, tests). */
  allowPrivateTargets: boolean;
}

/** node:dns `lookup` with `all: true`, as a promise; injectable so tests can make any name resolve anywhere. */
export type ResolveAll = (hostname: string, options: { all: true; family?: number; hints?: number }) => Promise<LookupAddress[]>;

export const resolveAll: ResolveAll = (hostname, options) => lookup(hostname, options);

/** Why an address is not a public one. */
export type AddressKind =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved';

export interface AddressClass {
  kind: AddressKind;
  /** For a message: "a loopback address". */
  label: string;
  /** The IPv4 address an IPv4-mapped, -translated or NAT64 IPv6 address carries, which is what was classified. */
  embeddedIPv4?: string;
}

type Range = readonly [cidr: string, kind: AddressKind, label: string];

/** IANA's special-purpose IPv4 registry, the blocks that are not globally reachable; the first match names the kind. */
const IPV4_RANGES: readonly Range[] = [
  ['0.0.0.0/8', 'unspecified', 'an unspecified ("this network") address'],
  ['10.0.0.0/8', 'private', 'a private address (RFC 1918)'],
  ['100.64.0.0/10', 'private', 'a carrier-grade NAT address (100.64.0.0/10)'],
  ['127.0.0.0/8', 'loopback', 'a loopback address'],
  ['169.254.0.0/16', 'link-local', 'a link-local address'],
  ['172.16.0.0/12', 'private', 'a private address (RFC 1918)'],
  ['192.0.0.0/24', 'reserved', 'an IETF protocol assignment (192.0.0.0/24)'],
  ['192.0.2.0/24', 'documentation', 'a documentation address (TEST-NET-1)'],
  ['192.88.99.0/24', 'reserved', 'a 6to4 relay anycast address'],
  ['192.168.0.0/16', 'private', 'a private address (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking', 'a benchmarking address (198.18.0.0/15)'],
  ['198.51.100.0/24', 'documentation', 'a documentation address (TEST-NET-2)'],
  ['203.0.113.0/24', 'documentation', 'a documentation address (TEST-NET-3)'],
  ['224.0.0.0/4', 'multicast', 'a multicast address'],
  ['255.255.255.255/32', 'broadcast', 'the broadcast address'],
  ['240.0.0.0/4', 'reserved', 'a reserved address (240.0.0.0/4)'],
];

/**
 * IANA's special-purpose IPv6 registry. IPv6 forms that carry an IPv4 address (mapped, translated,
 * NAT64) are classified by that address before these apply; outside 2000::/3 nothing is global
 * unicast, so anything else there is reserved.
 */
const IPV6_RANGES: readonly Range[] = [
  ['::/128', 'unspecified', 'the unspecified address'],
  ['::1/128', 'loopback', 'a loopback address'],
  ['::/96', 'reserved', 'an IPv4-compatible address (deprecated)'],
  ['64:ff9b:1::/48', 'private', 'a local-use IPv4/IPv6 translation address'],
  ['100::/64', 'reserved', 'a discard-only address'],
  ['2001::/32', 'reserved', 'a Teredo tunnel address'],
  ['2001:2::/48', 'benchmarking', 'a benchmarking address (2001:2::/48)'],
  ['2001:db8::/32', 'documentation', 'a documentation address (2001:db8::/32)'],
  ['2002::/16', 'reserved', 'a 6to4 tunnel address'],
  ['3fff::/20', 'documentation', 'a documentation address (3fff::/20)'],
  ['fc00::/7', 'private', 'a unique local address (fc00::/7)'],
  ['fe80::/10', 'link-local', 'a link-local address'],
  ['fec0::/10', 'private', 'a site-local address (deprecated)'],
  ['ff00::/8', 'multicast', 'a multicast address'],
];

function compile(ranges: readonly Range[], family: 'ipv4' | 'ipv6') {
  return ranges.map(([cidr, kind, label]) => {
    const [network, prefix] = cidr.split('/');
    const list = new BlockList();
    list.addSubnet(network, Number(prefix), family);
    return { list, kind, label };
  });
}

const IPV4_CLASSES = compile(IPV4_RANGES, 'ipv4');
const IPV6_CLASSES = compile(IPV6_RANGES, 'ipv6');
const GLOBAL_UNICAST = new BlockList();
GLOBAL_UNICAST.addSubnet('2000::', 3, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (any notation WHATWG URL accepts, dotted tail included). */
function ipv6Groups(address: string): number[] {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  if (tail === undefined) return groups(head);
  const left = groups(head);
  const right = groups(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address inside ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated) or 64:ff9b::a.b.c.d (NAT64). */
function embeddedIPv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  const zero = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
  const carriesIPv4 =
    (zero(0, 5) && g[5] === 0xffff) || (zero(0, 4) && g[4] === 0xffff && g[5] === 0) || (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6));
  if (!carriesIPv4) return undefined;
  return [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff].join('.');
}

/**
 * What kind of non-public address `address` is (an IPv4 or IPv6 literal as DNS or URL parsing
 * gives it; an IPv6 zone is ignored), or null for a public one.
 */
export function classifyAddress(address: string): AddressClass | null {
  const bare = address.replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return match(IPV4_CLASSES, bare, 'ipv4');
  if (family !== 6) throw new Error(`Not an IP address: ${address}`);
  const ipv4 = embeddedIPv4(bare);
  if (ipv4 !== undefined) {
    const inner = match(IPV4_CLASSES, ipv4, 'ipv4');
    return inner && { ...inner, embeddedIPv4: ipv4 };
  }
  const known = match(IPV6_CLASSES, bare, 'ipv6');
  if (known) return known;
  return GLOBAL_UNICAST.check(bare, 'ipv6') ? null : { kind: 'reserved', label: 'not a global unicast address' };
}

function match(classes: ReturnType<typeof compile>, address: string, family: 'ipv4' | 'ipv6'): AddressClass | null {
  const found = classes.find(({ list }) => list.check(address, family));
  return found ? { kind: found.kind, label: found.label } : null;
}

export type TargetRefusalCode = 'invalid-url' | 'scheme' | 'credentials' | 'fragment' | 'unresolvable' | 'blocked-address';

/** A refusal, worded to follow "Invalid url: " in a 400 (`ApiError.field(refusal.field, refusal.message)`). */
export interface TargetRefusal {
  ok: false;
  field: 'url';
  code: TargetRefusalCode;
  message: string;
}

const refuse = (code: TargetRefusalCode, message: string): TargetRefusal => ({ ok: false, field: 'url', code, message });

const PUBLIC_ONLY = 'webhooks are sent to public addresses only';

/** The IP literal a parsed URL names as its host (WHATWG URL has already turned 2130706433 or 0x7f.1 into 127.0.0.1). */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) ? host : undefined;
}

/** The checks that need no DNS: an absolute http(s) URL without credentials or fragment, and a literal IP host. */
export function parseTargetUrl(raw: string, policy: TargetPolicy): { ok: true; url: URL } | TargetRefusal {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('invalid-url', 'must be an absolute URL, e.g. https://example.com/webhooks');
  }
  const schemes = policy.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) return refuse('scheme', policy.allowHttp ? 'must use https or http' : 'must use https');
  if (url.username !== '' || url.password !== '') return refuse('credentials', 'must not contain a user name or password');
  // `hash` is empty for a bare trailing "#" too; the serialised URL keeps it, and "#" appears nowhere else in it.
  if (url.href.includes('#')) return refuse('fragment', 'must not contain a fragment (#…)');
  const literal = literalAddress(url);
  if (literal !== undefined && !policy.allowPrivateTargets) {
    const refusal = checkAddress(literal, undefined);
    if (refusal) return refusal;
  }
  return { ok: true, url };
}

/** A refusal when `address` is not public; `hostname` is named when the address came from DNS. */
export function checkAddress(address: string, hostname: string | undefined): TargetRefusal | null {
  const found = classifyAddress(address);
  if (!found) return null;
  const shown = found.embeddedIPv4 ? `${address} (${found.embeddedIPv4})` : address;
  const subject = hostname === undefined ? `host ${shown} is` : `host ${hostname} resolves to ${shown},`;
  return refuse('blocked-address', `${subject} ${found.label}; ${PUBLIC_ONLY}`);
}

/**
 * SPEC §10: the whole check of a webhook URL when an endpoint is created or its url changed. A host
 * name must resolve, and every address it resolves to must be public (one private answer among
 * public ones is enough to refuse: DNS may hand out any of them). With `allowPrivateTargets` the
 * name is not resolved at all.
 */
export async function checkWebhookTarget(
  raw: string,
  policy: TargetPolicy,
  resolve: ResolveAll = resolveAll,
): Promise<{ ok: true; url: URL } | TargetRefusal> {
  const parsed = parseTargetUrl(raw, policy);
  if (!parsed.ok || policy.allowPrivateTargets || literalAddress(parsed.url) !== undefined) return parsed;
  const hostname = parsed.url.hostname;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(hostname, { all: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return refuse('unresolvable', `host ${hostname} could not be resolved (${code})`);
  }
  if (addresses.length === 0) return refuse('unresolvable', `host ${hostname} could not be resolved (no addresses)`);
  for (const { address } of addresses) {
    const refusal = checkAddress(address, hostname);
    if (refusal) return refusal;
  }
  return parsed;
}
