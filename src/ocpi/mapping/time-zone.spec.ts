import { whereAlpha2 } from 'iso-3166-1';
import { countryTimeZone, isAlpha3Country, isKnownTimeZone } from './time-zone.js';

/** ISO 3166-1 alpha-3 → the time zone a location there without its own gets. */
const DERIVED: [string, string][] = [
  ['NLD', 'Europe/Amsterdam'],
  ['BEL', 'Europe/Brussels'],
  ['LUX', 'Europe/Luxembourg'],
  ['DEU', 'Europe/Berlin'],
  ['FRA', 'Europe/Paris'],
  ['GBR', 'Europe/London'],
  ['IRL', 'Europe/Dublin'],
  ['NOR', 'Europe/Oslo'],
  ['SWE', 'Europe/Stockholm'],
  ['DNK', 'Europe/Copenhagen'],
  ['FIN', 'Europe/Helsinki'],
  ['AUT', 'Europe/Vienna'],
  ['CHE', 'Europe/Zurich'],
  ['ITA', 'Europe/Rome'],
  ['POL', 'Europe/Warsaw'],
  ['CZE', 'Europe/Prague'],
  ['CYP', 'Asia/Nicosia'],
  ['KAZ', 'Asia/Almaty'],
  ['IND', 'Asia/Kolkata'],
  ['JPN', 'Asia/Tokyo'],
];

/**
 * The countries whose locations need their own time_zone to be published: several clocks, or no
 * time zone at all (uninhabited). This list changes only with the IANA database (a new @vvo/tzdb).
 */
const NOT_DERIVABLE: [string, number][] = [
  ['ATA', 8],
  ['AUS', 7],
  ['BVT', 0],
  ['BRA', 4],
  ['CAN', 12],
  ['CHL', 3],
  ['CHN', 2],
  ['COD', 2],
  ['ECU', 2],
  ['PYF', 3],
  ['GRL', 3],
  ['HMD', 0],
  ['IDN', 3],
  ['KIR', 3],
  ['MEX', 6],
  ['FSM', 2],
  ['MNG', 2],
  ['NZL', 2],
  ['PNG', 2],
  ['PRT', 2],
  ['RUS', 11],
  ['ESP', 2],
  ['UKR', 2],
  ['USA', 8],
  ['UMI', 2],
];

describe('countryTimeZone', () => {
  it.each(DERIVED)('%s → %s', (country, zone) => {
    expect(countryTimeZone(country)).toEqual({ timeZone: zone });
    expect(countryTimeZone(country.toLowerCase())).toEqual({ timeZone: zone });
  });

  it.each(NOT_DERIVABLE)('%s has %i time zones: none is derived', (country, zones) => {
    const answer = countryTimeZone(country);
    expect(answer).toEqual({ reason: expect.stringContaining(zones === 0 ? 'has no time zone' : `has ${zones} time zones`) });
  });

  it('every other ISO 3166-1 country gets exactly one zone, and this Node knows it', () => {
    const excluded = new Set(NOT_DERIVABLE.map(([country]) => country));
    const alpha3 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
      .split('')
      .flatMap((a) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((b) => whereAlpha2(a + b)?.alpha3))
      .filter((code): code is string => code !== undefined);
    expect(alpha3.length).toBeGreaterThanOrEqual(249);
    for (const country of alpha3.filter((code) => !excluded.has(code))) {
      const answer = countryTimeZone(country);
      expect([country, 'timeZone' in answer && isKnownTimeZone(answer.timeZone)]).toEqual([country, true]);
    }
  });

  it.each(['XXX', 'NL', 'NEDERLAND', '', 'N1D'])('%j is not a country', (code) => {
    expect(countryTimeZone(code)).toEqual({ reason: expect.stringContaining('is not an ISO 3166-1 alpha-3 country code') });
    expect(isAlpha3Country(code)).toBe(false);
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['Europe/Amsterdam', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Etc/GMT+5', true],
    ['Europe/Atlantis', false],
    ['+01:00', false],
    ['', false],
  ])('%s: %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });
});
