const formatted = new Map<number, string>();

/**
 * Wire format of every timestamp: RFC 3339, UTC, milliseconds, `Z`. A station's EVSEs and
 * connectors mostly share a few instants, so recent results are kept (a list page formats
 * hundreds of timestamps; this was a twentieth of its CPU time).
 */
export function formatTimestamp(epochMs: number): string {
  let text = formatted.get(epochMs);
  if (text === undefined) {
    text = new Date(epochMs).toISOString();
    if (formatted.size >= 4096) formatted.clear();
    formatted.set(epochMs, text);
  }
  return text;
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
