import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * SPEC §10 "Delivery": the Standard Webhooks headers of one attempt. The signature itself is made by
 * the `standardwebhooks` package, the same code receivers verify with, so the two cannot drift apart.
 */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** A secret and, once it has been rotated out, the moment it stops signing. */
export interface SigningSecret {
  secret: string;
  expiresAt?: Date | null;
}

export const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
/** SPEC §10 "Webhook endpoints": after a rotation the old secret keeps signing for 24 h. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
/** Standard Webhooks recommends keys of 24 to 64 bytes; ours are 32. */
const SECRET_PATTERN = /^whsec_([A-Za-z0-9+/]+={0,2})$/;
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

/** SPEC §10: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** Whether `value` is a secret this service can sign with (never says why, so it never echoes one). */
export function isWebhookSecret(value: string): boolean {
  const base64 = SECRET_PATTERN.exec(value)?.[1];
  if (base64 === undefined || base64.length % 4 !== 0) return false;
  const key = Buffer.from(base64, 'base64');
  return key.length >= MIN_KEY_BYTES && key.length <= MAX_KEY_BYTES && key.toString('base64') === base64;
}

/** The secrets that still sign at `now`: every one without an expiry or expiring later. */
export function activeSecrets(secrets: readonly SigningSecret[], now: Date): string[] {
  return secrets.filter((s) => s.expiresAt == null || s.expiresAt.getTime() > now.getTime()).map((s) => s.secret);
}

/**
 * A secret rotation: a new secret signs from now on; each secret that was current keeps signing
 * until `now + overlapMs`, one already expiring keeps its expiry, an expired one is dropped.
 * `secret` is the new secret, to be answered once; `secrets` is what to store, newest first.
 */
export function rotateSecrets(
  secrets: readonly SigningSecret[],
  now: Date,
  overlapMs: number = ROTATION_OVERLAP_MS,
): { secret: string; secrets: SigningSecret[] } {
  const overlapEnd = new Date(now.getTime() + overlapMs);
  const kept = secrets
    .filter((s) => s.expiresAt == null || s.expiresAt.getTime() > now.getTime())
    .map((s) => ({ secret: s.secret, expiresAt: s.expiresAt ?? overlapEnd }));
  const secret = generateWebhookSecret();
  return { secret, secrets: [{ secret, expiresAt: null }, ...kept] };
}

/**
 * The headers of one delivery attempt of event `id` with exactly these body bytes, signed with
 * every secret active at `now` (space-separated, as Standard Webhooks verifies during a rotation).
 * `webhook-timestamp` is `now` in Unix seconds, so each attempt is signed anew.
 */
export function signWebhook(
  message: { id: string; body: string },
  secrets: readonly SigningSecret[],
  now: Date = new Date(),
): WebhookHeaders {
  const signing = activeSecrets(secrets, now);
  if (signing.length === 0) throw new Error(`Webhook message ${message.id} has no active secret to sign with`);
  const signatures = signing.map((secret) => {
    if (!isWebhookSecret(secret)) throw new Error(`Webhook message ${message.id}: a secret is not whsec_ + base64 of 24 to 64 bytes`);
    return new Webhook(secret).sign(message.id, now, message.body);
  });
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
