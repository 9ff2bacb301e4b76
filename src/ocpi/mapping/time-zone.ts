import { rawTimeZones } from '@vvo/tzdb';
import { whereAlpha3 } from 'iso-3166-1';

/**
 * OCPI requires a Location's `time_zone`. A location of ours without one gets its country's, when
 * the country keeps one clock: `@vvo/tzdb` lists the IANA zones of each country grouped by clock
 * (zones whose clocks agree, like Europe/Berlin and Europe/Busingen, or Europe/Madrid and
 * Africa/Ceuta, are one entry named after the main zone), rebuilt from each IANA tzdb release.
 * A country with several clocks (Spain with the Canaries, the United States, …) or none (an
 * uninhabited territory) gives no zone: such a location is not publishable until it has its own.
 *
 * Not `countries-and-timezones`: it follows tzdb's zone1970.tab, whose merged zones make the
 * Netherlands Europe/Brussels and Norway Europe/Berlin, and Germany two zones. Not Node's own
 * `Intl.Locale#timeZones`: a proposal whose getter is being renamed, with ICU's older zone names.
 */

/** ISO 3166-1 alpha-2 → the names of its clocks (each group's main zone). */
let clocksByCountry: Map<string, string[]> | undefined;

function countryClocks(alpha2: string): string[] {
  if (!clocksByCountry) {
    clocksByCountry = new Map();
    for (const zone of rawTimeZones) {
      const clocks = clocksByCountry.get(zone.countryCode) ?? [];
      clocks.push(zone.name);
      clocksByCountry.set(zone.countryCode, clocks);
    }
  }
  return clocksByCountry.get(alpha2) ?? [];
}

const knownToRuntime = new Map<string, boolean>();

/** Whether this Node knows the zone (it must, to read opening hours in it), by its canonical IANA name. */
export function isKnownTimeZone(name: string): boolean {
  let known = knownToRuntime.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      known = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name);
    } catch {
      known = false;
    }
    if (knownToRuntime.size < 1000) knownToRuntime.set(name, known);
  }
  return known;
}

export type CountryTimeZone = { timeZone: string } | { reason: string };

/** The one IANA zone of an ISO 3166-1 alpha-3 country, or why there is none. */
export function countryTimeZone(alpha3: string): CountryTimeZone {
  const country = /^[A-Za-z]{3}$/.test(alpha3) ? whereAlpha3(alpha3.toUpperCase()) : undefined;
  if (!country) return { reason: `${JSON.stringify(alpha3)} is not an ISO 3166-1 alpha-3 country code` };
  const clocks = countryClocks(country.alpha2);
  if (clocks.length === 0) return { reason: `${country.country} (${country.alpha3}) has no time zone in the IANA database` };
  if (clocks.length > 1) {
    return { reason: `${country.country} (${country.alpha3}) has ${clocks.length} time zones (${clocks.join(', ')}): the location needs its own time_zone` };
  }
  if (!isKnownTimeZone(clocks[0])) return { reason: `${clocks[0]}, the time zone of ${country.country}, is unknown to this Node.js` };
  return { timeZone: clocks[0] };
}

/** Whether the text is an ISO 3166-1 alpha-3 country code (in any case). */
export function isAlpha3Country(code: string): boolean {
  return /^[A-Za-z]{3}$/.test(code) && whereAlpha3(code.toUpperCase()) !== undefined;
}
