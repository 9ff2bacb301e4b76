import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  activeSecrets,
  generateWebhookSecret,
  isWebhookSecret,
  rotateSecrets,
  signWebhook,
  type SigningSecret,
  type WebhookHeaders,
} from './signing.js';

const HOUR = 3_600_000;
const body = JSON.stringify({
  id: 'evt_01J9ZK3',
  type: 'charge_station.updated',
  timestamp: '2026-12-01T10:00:00.000Z',
  cpo_id: 'ACME',
  sequence: 123,
  data: { charge_station_id: 'CS-1', address: 'Straße 5, Zürich ⚡' },
});
const message = { id: 'evt_01J9ZK3', body };

/** A receiver as SPEC §10 promises it: the standardwebhooks library, unchanged. */
function receiverAccepts(secret: string, payload: string, headers: WebhookHeaders): boolean {
  try {
    new Webhook(secret).verify(payload, { ...headers });
    return true;
  } catch {
    return false;
  }
}

/** SPEC §10's definition, computed with node:crypto: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`. */
function specSignature(secret: string, id: string, timestamp: string, payload: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${id}.${timestamp}.${payload}`, 'utf8').digest('base64');
}

describe('generateWebhookSecret', () => {
  it('is whsec_ + base64 of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(isWebhookSecret(secret)).toBe(true);
  });

  it('never repeats', () => {
    const secrets = new Set(Array.from({ length: 200 }, generateWebhookSecret));
    expect(secrets.size).toBe(200);
  });
});

describe('isWebhookSecret', () => {
  const bytes = (n: number) => 'whsec_' + Buffer.alloc(n, 7).toString('base64');
  it.each([
    ['32 bytes', true, bytes(32)],
    ['24 bytes (the least Standard Webhooks recommends)', true, bytes(24)],
    ['64 bytes (the most)', true, bytes(64)],
    ['23 bytes', false, bytes(23)],
    ['65 bytes', false, bytes(65)],
    ['no whsec_ prefix', false, bytes(32).slice(6)],
    ['base64url alphabet', false, 'whsec_' + Buffer.alloc(32, 0xfb).toString('base64url')],
    ['missing padding', false, bytes(32).replace(/=$/, '')],
    ['not base64', false, 'whsec_' + '!'.repeat(44)],
    ['empty', false, ''],
  ])('%s → %s', (_label, expected, value) => {
    expect(isWebhookSecret(value)).toBe(expected);
  });
});

describe('signWebhook', () => {
  const oldSecret = generateWebhookSecret();
  const newSecret = generateWebhookSecret();
  const now = new Date();

  it('writes webhook-id (the event id), webhook-timestamp (Unix seconds) and one v1 signature', () => {
    const at = new Date('2026-12-01T10:00:00.999Z');
    const headers = signWebhook(message, [{ secret: oldSecret }], at);
    expect(headers['webhook-id']).toBe('evt_01J9ZK3');
    expect(headers['webhook-timestamp']).toBe('1796119200');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it("is byte for byte SPEC §10's HMAC-SHA256 over {id}.{timestamp}.{body} (UTF-8) with the decoded key", () => {
    const headers = signWebhook(message, [{ secret: oldSecret }], now);
    expect(headers['webhook-signature']).toBe(specSignature(oldSecret, message.id, headers['webhook-timestamp'], body));
  });

  it('is accepted by a standardwebhooks receiver', () => {
    expect(receiverAccepts(oldSecret, body, signWebhook(message, [{ secret: oldSecret }], now))).toBe(true);
  });

  describe('during a rotation (both secrets active)', () => {
    const secrets: SigningSecret[] = [{ secret: newSecret }, { secret: oldSecret, expiresAt: new Date(now.getTime() + HOUR) }];
    const headers = signWebhook(message, secrets, now);

    it('sends both signatures, space-separated, newest first', () => {
      const signatures = headers['webhook-signature'].split(' ');
      expect(signatures).toEqual([
        specSignature(newSecret, message.id, headers['webhook-timestamp'], body),
        specSignature(oldSecret, message.id, headers['webhook-timestamp'], body),
      ]);
    });

    it.each([
      ['a receiver still on the old secret', true, oldSecret],
      ['a receiver already on the new secret', true, newSecret],
      ['a receiver with an unrelated secret', false, generateWebhookSecret()],
    ])('%s → accepted: %s', (_label, expected, receiverSecret) => {
      expect(receiverAccepts(receiverSecret, body, headers)).toBe(expected);
    });
  });

  describe('tampering is refused by the receiver', () => {
    const headers = signWebhook(message, [{ secret: oldSecret }], now);
    const timestamp = Number(headers['webhook-timestamp']);
    const otherSignature = signWebhook({ id: 'evt_x', body }, [{ secret: oldSecret }], now)['webhook-signature'];
    it.each<[string, boolean, string, WebhookHeaders]>([
      ['untouched (control)', true, body, headers],
      ['body changed', false, body.replace('"sequence":123', '"sequence":124'), headers],
      ['body with a trailing newline', false, body + '\n', headers],
      ['timestamp a second later (still within tolerance)', false, body, { ...headers, 'webhook-timestamp': String(timestamp + 1) }],
      ['id of another event', false, body, { ...headers, 'webhook-id': 'evt_01J9ZK4' }],
      ['signature of another message', false, body, { ...headers, 'webhook-signature': otherSignature }],
    ])('%s → accepted: %s', (_label, expected, payload, sent) => {
      expect(receiverAccepts(oldSecret, payload, sent)).toBe(expected);
    });
  });

  it('leaves out an expired secret', () => {
    const headers = signWebhook(message, [{ secret: newSecret }, { secret: oldSecret, expiresAt: new Date(now.getTime() - 1) }], now);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(receiverAccepts(newSecret, body, headers)).toBe(true);
    expect(receiverAccepts(oldSecret, body, headers)).toBe(false);
  });

  it('refuses to sign without an active secret', () => {
    expect(() => signWebhook(message, [{ secret: oldSecret, expiresAt: now }], now)).toThrow('no active secret');
    expect(() => signWebhook(message, [], now)).toThrow('no active secret');
  });

  it('refuses a malformed secret without echoing it', () => {
    const call = () => signWebhook(message, [{ secret: 'whsec_short' }], now);
    expect(call).toThrow('not whsec_ + base64');
    expect(call).not.toThrow('short');
  });
});

describe('activeSecrets', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  it.each([
    ['no expiry → active', [{ secret: 'a' }], ['a']],
    ['null expiry → active', [{ secret: 'a', expiresAt: null }], ['a']],
    ['expires later → active', [{ secret: 'a', expiresAt: new Date(now.getTime() + 1) }], ['a']],
    ['expires now → gone', [{ secret: 'a', expiresAt: now }], []],
    ['order kept', [{ secret: 'b' }, { secret: 'a', expiresAt: new Date(now.getTime() + HOUR) }], ['b', 'a']],
  ])('%s', (_label, secrets: SigningSecret[], expected) => {
    expect(activeSecrets(secrets, now)).toEqual(expected);
  });
});

describe('rotateSecrets', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const in24h = new Date('2026-12-02T10:00:00Z');

  it('puts a new secret first; the current one keeps signing for 24 h', () => {
    const { secret, secrets } = rotateSecrets([{ secret: 'whsec_current' }], now);
    expect(isWebhookSecret(secret)).toBe(true);
    expect(secrets).toEqual([
      { secret, expiresAt: null },
      { secret: 'whsec_current', expiresAt: in24h },
    ]);
  });

  it('a second rotation within 24 h keeps the first old secret until its own expiry, and drops expired ones', () => {
    const first = new Date('2026-12-01T06:00:00Z');
    const { secret, secrets } = rotateSecrets(
      [
        { secret: 'whsec_current' },
        { secret: 'whsec_previous', expiresAt: new Date('2026-12-02T06:00:00Z') },
        { secret: 'whsec_ancient', expiresAt: first },
      ],
      now,
    );
    expect(secrets).toEqual([
      { secret, expiresAt: null },
      { secret: 'whsec_current', expiresAt: in24h },
      { secret: 'whsec_previous', expiresAt: new Date('2026-12-02T06:00:00Z') },
    ]);
  });

  it('signs with old and new until the overlap ends, then with the new one only', () => {
    const original = generateWebhookSecret();
    const { secret, secrets } = rotateSecrets([{ secret: original }], now);
    const justBefore = new Date(in24h.getTime() - 1000);
    expect(signWebhook(message, secrets, justBefore)['webhook-signature'].split(' ')).toEqual([
      specSignature(secret, message.id, String(Math.floor(justBefore.getTime() / 1000)), body),
      specSignature(original, message.id, String(Math.floor(justBefore.getTime() / 1000)), body),
    ]);
    expect(signWebhook(message, secrets, in24h)['webhook-signature'].split(' ')).toEqual([
      specSignature(secret, message.id, String(Math.floor(in24h.getTime() / 1000)), body),
    ]);
  });
});
