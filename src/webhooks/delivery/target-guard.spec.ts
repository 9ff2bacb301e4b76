import type { LookupAddress } from 'node:dns';
import { checkWebhookTarget, classifyAddress, parseTargetUrl, type AddressKind, type ResolveAll, type TargetPolicy } from './target-guard.js';

const strict: TargetPolicy = { allowHttp: false, allowPrivateTargets: false };
const httpAllowed: TargetPolicy = { allowHttp: true, allowPrivateTargets: false };
const development: TargetPolicy = { allowHttp: true, allowPrivateTargets: true };

/** A DNS that knows a few names; anything else is ENOTFOUND, as getaddrinfo says it. */
function fakeDns(records: Record<string, string[]>): ResolveAll & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string, options: { all: true }): Promise<LookupAddress[]> => {
    calls.push(hostname);
    expect(options.all).toBe(true);
    const addresses = records[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

describe('classifyAddress', () => {
  it.each<[string, AddressKind | null]>([
    // public
    ['8.8.8.8', null],
    ['93.184.216.34', null],
    ['172.32.0.1', null],
    ['100.128.0.1', null],
    ['2606:4700:4700::1111', null],
    ['2a00:1450:4001:82b::200e', null],
    ['::ffff:8.8.8.8', null],
    ['64:ff9b::808:808', null],
    // IPv4
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.255', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.88.99.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    // IPv6
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fec0::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['2001::1', 'reserved'],
    ['2002:7f00:1::1', 'reserved'],
    ['100::1', 'reserved'],
    ['::2', 'reserved'],
    ['::127.0.0.1', 'reserved'],
    ['4000::1', 'reserved'],
    ['64:ff9b:1::1', 'private'],
    // IPv6 forms carrying an IPv4 address are that address
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::FFFF:7F00:1', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
  ])('%s → %s', (address, expected) => {
    expect(classifyAddress(address)?.kind ?? null).toBe(expected);
  });

  it('names the IPv4 address inside an IPv6 form', () => {
    expect(classifyAddress('::ffff:7f00:1')).toEqual({ kind: 'loopback', label: 'a loopback address', embeddedIPv4: '127.0.0.1' });
    expect(classifyAddress('64:ff9b::a00:1')).toEqual({ kind: 'private', label: 'a private address (RFC 1918)', embeddedIPv4: '10.0.0.1' });
  });

  it.each(['localhost', '', '1.2.3', '::g'])('%j is not an IP address → throws', (value) => {
    expect(() => classifyAddress(value)).toThrow('Not an IP address');
  });
});

describe('parseTargetUrl: the form of the URL', () => {
  it.each<[string, TargetPolicy, string | null]>([
    ['https://hooks.example.com/cs?x=1', strict, null],
    ['HTTPS://Hooks.Example.com:8443/cs', strict, null],
    ['http://hooks.example.com/cs', strict, 'must use https'],
    ['http://hooks.example.com/cs', httpAllowed, null],
    ['ftp://hooks.example.com/cs', httpAllowed, 'must use https or http'],
    ['javascript:alert(1)', strict, 'must use https'],
    ['file:///etc/passwd', development, 'must use https or http'],
    ['hooks.example.com/cs', strict, 'must be an absolute URL, e.g. https://example.com/webhooks'],
    ['/webhooks', strict, 'must be an absolute URL, e.g. https://example.com/webhooks'],
    ['https://', strict, 'must be an absolute URL, e.g. https://example.com/webhooks'],
    ['', strict, 'must be an absolute URL, e.g. https://example.com/webhooks'],
    ['https://user:secret@hooks.example.com/', strict, 'must not contain a user name or password'],
    ['https://user@hooks.example.com/', strict, 'must not contain a user name or password'],
    ['https://:secret@hooks.example.com/', strict, 'must not contain a user name or password'],
    ['https://hooks.example.com/cs#part', strict, 'must not contain a fragment (#…)'],
    ['https://hooks.example.com/cs#', strict, 'must not contain a fragment (#…)'],
    ['https://hooks.example.com/cs?q=%23', strict, null],
    ['https://[fe80::1%25eth0]/', development, 'must be an absolute URL, e.g. https://example.com/webhooks'],
  ])('%s (%o) → %s', (raw, policy, expected) => {
    const result = parseTargetUrl(raw, policy);
    expect(result.ok ? null : result.message).toBe(expected);
    if (!result.ok) expect(result.field).toBe('url');
  });
});

describe('literal IP hosts, in every notation WHATWG URL accepts', () => {
  it.each<[string, string]>([
    ['http://127.0.0.1/', 'host 127.0.0.1 is a loopback address'],
    ['http://2130706433/', 'host 127.0.0.1 is a loopback address'],
    ['http://0x7f000001/', 'host 127.0.0.1 is a loopback address'],
    ['http://0177.0.0.1/', 'host 127.0.0.1 is a loopback address'],
    ['http://0x7f.1/', 'host 127.0.0.1 is a loopback address'],
    ['http://127.1/', 'host 127.0.0.1 is a loopback address'],
    ['http://0300.0250.0.1/', 'host 192.168.0.1 is a private address (RFC 1918)'],
    ['http://0/', 'host 0.0.0.0 is an unspecified ("this network") address'],
    ['http://169.254.169.254/latest/meta-data/', 'host 169.254.169.254 is a link-local address'],
    ['http://[::1]/', 'host ::1 is a loopback address'],
    ['http://[::]/', 'host :: is the unspecified address'],
    ['http://[::ffff:127.0.0.1]/', 'host ::ffff:7f00:1 (127.0.0.1) is a loopback address'],
    ['http://[::ffff:7f00:1]/', 'host ::ffff:7f00:1 (127.0.0.1) is a loopback address'],
    ['http://[::ffff:0:7f00:1]/', 'host ::ffff:0:7f00:1 (127.0.0.1) is a loopback address'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'host 64:ff9b::a9fe:a9fe (169.254.169.254) is a link-local address'],
    ['http://[fd00::1]:8080/', 'host fd00::1 is a unique local address (fc00::/7)'],
  ])('%s → refused: %s', async (raw, message) => {
    const dns = fakeDns({});
    for (const check of [() => Promise.resolve(parseTargetUrl(raw, httpAllowed)), () => checkWebhookTarget(raw, httpAllowed, dns)]) {
      const result = await check();
      expect(result).toEqual({ ok: false, field: 'url', code: 'blocked-address', message: `${message}; webhooks are sent to public addresses only` });
    }
    expect(dns.calls).toEqual([]);
    expect((await checkWebhookTarget(raw, development, dns)).ok).toBe(true);
  });

  it.each(['http://93.184.216.34/', 'http://1572395042/', 'http://[2606:4700:4700::1111]/', 'http://[::ffff:93.184.216.34]/'])(
    '%s → accepted without DNS',
    async (raw) => {
      const dns = fakeDns({});
      expect((await checkWebhookTarget(raw, httpAllowed, dns)).ok).toBe(true);
      expect(dns.calls).toEqual([]);
    },
  );
});

describe('checkWebhookTarget: host names, by what they resolve to', () => {
  const dns = fakeDns({
    'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    'internal.example.com': ['10.1.2.3'],
    'mixed.example.com': ['93.184.216.34', '10.1.2.3'],
    'metadata.example.com': ['::ffff:169.254.169.254'],
    'empty.example.com': [],
  });

  it.each<[string, string | null]>([
    ['https://hooks.example.com/cs', null],
    ['https://internal.example.com/', 'host internal.example.com resolves to 10.1.2.3, a private address (RFC 1918)'],
    ['https://mixed.example.com/', 'host mixed.example.com resolves to 10.1.2.3, a private address (RFC 1918)'],
    ['https://metadata.example.com/', 'host metadata.example.com resolves to ::ffff:169.254.169.254 (169.254.169.254), a link-local address'],
  ])('%s → %s', async (raw, reason) => {
    const result = await checkWebhookTarget(raw, strict, dns);
    expect(result.ok ? null : result.message).toBe(reason && `${reason}; webhooks are sent to public addresses only`);
    expect((await checkWebhookTarget(raw, development, dns)).ok).toBe(true);
  });

  it.each<[string, string]>([
    ['https://nowhere.example.com/', 'host nowhere.example.com could not be resolved (ENOTFOUND)'],
    ['https://empty.example.com/', 'host empty.example.com could not be resolved (no addresses)'],
  ])('%s → unresolvable: %s', async (raw, message) => {
    expect(await checkWebhookTarget(raw, strict, dns)).toEqual({ ok: false, field: 'url', code: 'unresolvable', message });
  });

  it('does not resolve at all when private targets are allowed', async () => {
    const counting = fakeDns({});
    const result = await checkWebhookTarget('http://nowhere.example.com/', development, counting);
    expect(result.ok && result.url.href).toBe('http://nowhere.example.com/');
    expect(counting.calls).toEqual([]);
  });

  it('checks the form before asking DNS', async () => {
    const counting = fakeDns({ 'hooks.example.com': ['93.184.216.34'] });
    expect(await checkWebhookTarget('http://hooks.example.com/', strict, counting)).toMatchObject({ ok: false, code: 'scheme' });
    expect(counting.calls).toEqual([]);
  });
});

describe('checkWebhookTarget with the system resolver', () => {
  it('localhost resolves to a loopback address → refused', async () => {
    const result = await checkWebhookTarget('https://localhost/hooks', strict);
    expect(result).toMatchObject({ ok: false, field: 'url', code: 'blocked-address' });
    expect(!result.ok && result.message).toMatch(/^host localhost resolves to (127\.0\.0\.1|::1), a loopback address; /);
  });

  it('localhost is accepted when private targets are allowed', async () => {
    expect((await checkWebhookTarget('http://localhost:3000/hooks', development)).ok).toBe(true);
  });
});
