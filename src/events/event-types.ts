/** The event types of SPEC §10, one per kind of change. */
export const EVENT_TYPES = [
  'location.created',
  'location.updated',
  'charge_station.created',
  'charge_station.updated',
  'evse.status_changed',
  'charge_station.connectivity_changed',
  'charge_station.configuration_reported',
  'hardware_template.created',
  'hardware_template.updated',
  'webhook.test',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** What a repository appends in the transaction of a change. */
export interface NewEvent {
  type: EventType;
  cpoPk: number;
  /** The event's `data` (serialised as it is). */
  data: unknown;
  /** When the change happened (the event's `timestamp`). */
  occurredAt: number;
  /** `webhook.test` only: the endpoint it is for. */
  targetEndpointPk?: number;
}

/** An event as published: what subscribers (webhook fan-out, OCPI push) are told about. */
export interface PublishedEvent {
  pk: number;
  id: string;
  type: EventType;
  cpoPk: number;
  sequence: number;
  occurredAt: number;
  targetEndpointPk: number | null;
}

/** Time-ordered ids: 10 characters of milliseconds, 16 random ones (Crockford's base 32, as ULID). */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newEventId(now = Date.now(), random: (bytes: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rest = '';
  for (const byte of random(16)) rest += CROCKFORD[byte % 32];
  return `evt_${time}${rest}`;
}
