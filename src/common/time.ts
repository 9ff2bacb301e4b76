export const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00.000Z: from there on toISOString writes a six-digit year. */
export const YEAR_10000 = 253_402_300_800_000;
const pad = (width: number) => Array.from({ length: 10 ** width }, (_, i) => String(i).padStart(width, '0'));
const TWO_DIGITS = pad(2);
const THREE_DIGITS = pad(3);
/** `YYYY-MM-DDT` by day since the epoch: a page's timestamps fall on few days. */
const dayPrefixes = new Map<number, string>();

/** `YYYY-MM-DDT` of the day `day` days after the epoch (kept: a page's timestamps fall on few days). */
export function dayPrefix(day: number): string {
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefixes.size >= 4096) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  return prefix;
}

/**
 * Wire format of every timestamp: RFC 3339, UTC, milliseconds, `Z` (what toISOString writes). The
 * date part is kept per day and the time of day is put together from digit tables: a list page
 * formats hundreds of timestamps, mostly distinct, and toISOString was a visible part of its CPU time
 * (bench/ANALYSIS.md, "Measured reasons in the code").
 */
export function formatTimestamp(epochMs: number): string {
  if (!Number.isInteger(epochMs) || epochMs < 0 || epochMs >= YEAR_10000) return new Date(epochMs).toISOString();
  const day = Math.floor(epochMs / DAY_MS);
  const ofDay = epochMs - day * DAY_MS;
  const seconds = Math.floor(ofDay / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${dayPrefix(day)}${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}:${TWO_DIGITS[seconds % 60]}.${THREE_DIGITS[ofDay % 1000]}Z`;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an RFC 3339 timestamp, with or without zone (no zone means UTC), or a plain date
 * (midnight UTC). Returns epoch milliseconds, or undefined when the text is not such a timestamp.
 */
export function parseTimestamp(text: string): number | undefined {
  const match = RFC3339.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = match;
  const ms = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  let epoch = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(epoch);
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return undefined;
  }
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const minutes = Number(digits.slice(2));
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + minutes;
    if (minutes > 59 || offsetMinutes > 18 * 60) return undefined;
    epoch -= sign * offsetMinutes * 60_000;
  }
  return epoch;
}
