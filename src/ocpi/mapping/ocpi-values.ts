import { parseTimestamp } from '../../common/time.js';

/**
 * OCPI 2.2.1's value rules (types.asciidoc, mod_locations.asciidoc), as checks the mapping runs on
 * every value before it goes out. Each check answers the value OCPI accepts, or why there is none.
 * Lengths count Unicode code points, as JSON Schema's maxLength does.
 */

export type Checked<T> = { value: T } | { reason: string };

export const isChecked = <T>(result: Checked<T>): result is { value: T } => 'value' in result;

const length = (text: string) => [...text].length;

/** string: printable UTF-8 only — no carriage returns, tabs, line breaks or other control characters (C0, DEL, C1). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
/** CiString: printable ASCII only. */
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;

/** string(n); `minLength` 1 for a required field (OCPI has `#NA` for a required value nobody has, never ""). */
export function ocpiString(value: unknown, maxLength: number, minLength = 0): Checked<string> {
  if (typeof value !== 'string') return { reason: 'is not a string' };
  if (hasControlCharacter(value)) return { reason: 'contains a control character (line break, tab, …), which an OCPI string may not' };
  if (length(value) > maxLength) return { reason: `is ${length(value)} characters long; OCPI allows ${maxLength}` };
  if (length(value) < minLength) return { reason: minLength === 1 ? 'is empty' : `is shorter than ${minLength} characters` };
  return { value };
}

/** CiString(n). */
export function ocpiCiString(value: unknown, maxLength: number, minLength = 0): Checked<string> {
  if (typeof value !== 'string') return { reason: 'is not a string' };
  if (!PRINTABLE_ASCII.test(value)) return { reason: 'contains a character outside printable ASCII, which an OCPI CiString may not' };
  if (value.length > maxLength) return { reason: `is ${value.length} characters long; OCPI allows ${maxLength}` };
  if (value.length < minLength) return { reason: minLength === 1 ? 'is empty' : `is shorter than ${minLength} characters` };
  return { value };
}

/** One of an OCPI enum's values. */
export function ocpiEnum<T extends string>(value: unknown, values: readonly T[], enumName: string): Checked<T> {
  return typeof value === 'string' && (values as readonly string[]).includes(value)
    ? { value: value as T }
    : { reason: `${JSON.stringify(value)} is not an OCPI ${enumName} value` };
}

/** An integer (OCPI `int`), within the bounds given. */
export function ocpiInt(value: unknown, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Checked<number> {
  if (!Number.isSafeInteger(value)) return { reason: `${JSON.stringify(value)} is not an integer` };
  const number = value as number;
  if (number < min || number > max) return { reason: `${number} is outside ${min}..${max}` };
  return { value: number };
}

/** RFC 3986 URI characters, no spaces; `%` only as the start of an escape. */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;

/** URL: string(255), an absolute URI. */
export function ocpiUrl(value: unknown): Checked<string> {
  if (typeof value !== 'string') return { reason: 'is not a string' };
  if (value.length > 255) return { reason: `is ${value.length} characters long; an OCPI URL may be 255` };
  if (!URI.test(value) || !URL.canParse(value)) return { reason: 'is not an absolute URL' };
  return { value };
}

/** The DateTime OCPI accepts: UTC, no offset, optional `Z`, at most 25 characters, a real calendar date. */
export const OCPI_DATE_TIME =
  /^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?Z?$/;

export const isOcpiDateTime = (text: string): boolean => text.length <= 25 && OCPI_DATE_TIME.test(text);

/** Digits past the millisecond that are not all zero: a conversion to UTC would lose them. */
const FINER_THAN_MILLISECONDS = /\.[0-9]{3}[0-9]*[1-9]/;

/**
 * An OCPI DateTime for a timestamp of ours. One OCPI already accepts is kept as it is; one with an
 * offset, or a plain date (which this service reads as midnight UTC), becomes the same instant in
 * UTC (`YYYY-MM-DDTHH:MM:SS.mmmZ`).
 */
export function ocpiDateTime(value: unknown): Checked<string> {
  if (typeof value !== 'string') return { reason: 'is not a timestamp' };
  if (isOcpiDateTime(value)) return { value };
  const epoch = parseTimestamp(value);
  if (epoch === undefined) return { reason: `${JSON.stringify(value)} is not an RFC 3339 timestamp` };
  if (FINER_THAN_MILLISECONDS.test(value)) return { reason: `${JSON.stringify(value)} is finer than a millisecond; in UTC it would lose digits` };
  const utc = new Date(epoch).toISOString();
  return isOcpiDateTime(utc) ? { value: utc } : { reason: `${JSON.stringify(value)} is outside the years OCPI can write (0000–9999)` };
}

/** The latest of OCPI DateTimes. All are in UTC, so this compares instants. */
export function latestDateTime(first: string, ...rest: string[]): string {
  let latest = first;
  let latestEpoch = parseTimestamp(first) ?? Number.NEGATIVE_INFINITY;
  for (const text of rest) {
    const epoch = parseTimestamp(text) ?? Number.NEGATIVE_INFINITY;
    if (epoch > latestEpoch) {
      latest = text;
      latestEpoch = epoch;
    }
  }
  return latest;
}

const LATITUDE = /^-?[0-9]{1,2}\.[0-9]{5,7}$/;
const LONGITUDE = /^-?[0-9]{1,3}\.[0-9]{5,7}$/;

/**
 * Rounds a decimal-degree string with 7 decimals to 6 (half away from zero): OCPI's regexes allow
 * 7 decimals, but its lengths (string(10), string(11)) leave no room for them with a sign and all
 * integer digits, e.g. latitude -33.8688197. 6 decimals are still about 11 cm.
 */
function roundToSixDecimals(text: string): string {
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const scaled = (BigInt(whole + fraction.slice(0, 7)) + 5n) / 10n;
  const digits = scaled.toString().padStart(7, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

export interface GeoLocationCheck {
  value?: { latitude: string; longitude: string };
  /** What could not be sent as stored: rounded coordinates, or why there are none. */
  notes: { field: 'latitude' | 'longitude'; reason: string }[];
}

/**
 * An OCPI GeoLocation: each coordinate must match OCPI's regex and fit its length; one that only
 * fails the length (7 decimals) is rounded to 6, with a note saying so.
 */
export function ocpiGeoLocation(value: { latitude: unknown; longitude: unknown }): GeoLocationCheck {
  const notes: GeoLocationCheck['notes'] = [];
  const coordinate = (field: 'latitude' | 'longitude', pattern: RegExp, maxLength: number): string | undefined => {
    const text = value[field];
    if (typeof text !== 'string' || !pattern.test(text)) {
      notes.push({ field, reason: `${JSON.stringify(text)} does not match OCPI's ${pattern.source}` });
      return undefined;
    }
    if (text.length <= maxLength) return text;
    const rounded = roundToSixDecimals(text);
    if (rounded.length > maxLength || !pattern.test(rounded)) {
      notes.push({ field, reason: `${text} is longer than OCPI's string(${maxLength})` });
      return undefined;
    }
    notes.push({ field, reason: `rounded from ${text} to ${rounded}: OCPI's string(${maxLength}) has no room for 7 decimals here` });
    return rounded;
  };
  const latitude = coordinate('latitude', LATITUDE, 10);
  const longitude = coordinate('longitude', LONGITUDE, 11);
  return latitude !== undefined && longitude !== undefined ? { value: { latitude, longitude }, notes } : { notes };
}
