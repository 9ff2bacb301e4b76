import { latestDateTime, ocpiCiString, ocpiDateTime, ocpiEnum, ocpiGeoLocation, ocpiInt, ocpiString, ocpiUrl } from './ocpi-values.js';

describe('ocpiString: string(n), printable UTF-8', () => {
  it.each([
    ['Stationsplein 1', 255, 0, { value: 'Stationsplein 1' }],
    ['ö'.repeat(45), 45, 0, { value: 'ö'.repeat(45) }],
    ['ö'.repeat(46), 45, 0, { reason: 'is 46 characters long; OCPI allows 45' }],
    ['😀'.repeat(4), 4, 0, { value: '😀'.repeat(4) }],
    ['line\nbreak', 255, 0, { reason: expect.stringContaining('control character') }],
    ['tab\t', 255, 0, { reason: expect.stringContaining('control character') }],
    ['c1\u0085', 255, 0, { reason: expect.stringContaining('control character') }],
    ['', 255, 1, { reason: 'is empty' }],
    [42, 255, 0, { reason: 'is not a string' }],
  ])('%j as string(%i), at least %i', (value, max, min, expected) => {
    expect(ocpiString(value, max, min)).toEqual(expected);
  });
});

describe('ocpiCiString: CiString(n), printable ASCII', () => {
  it.each([
    ['LOC-AMS-0042', 36, 1, { value: 'LOC-AMS-0042' }],
    ['a'.repeat(36), 36, 1, { value: 'a'.repeat(36) }],
    ['a'.repeat(37), 36, 1, { reason: 'is 37 characters long; OCPI allows 36' }],
    ['LOC-é', 36, 1, { reason: expect.stringContaining('printable ASCII') }],
    ['E\u0000', 36, 1, { reason: expect.stringContaining('printable ASCII') }],
    ['NL', 2, 2, { value: 'NL' }],
    ['N', 2, 2, { reason: 'is shorter than 2 characters' }],
    ['', 36, 1, { reason: 'is empty' }],
  ])('%j as CiString(%i), at least %i', (value, max, min, expected) => {
    expect(ocpiCiString(value, max, min)).toEqual(expected);
  });
});

describe('ocpiEnum and ocpiInt', () => {
  it('an enum value, or why not', () => {
    expect(ocpiEnum('DC', ['AC_1_PHASE', 'DC'], 'PowerType')).toEqual({ value: 'DC' });
    expect(ocpiEnum('AC', ['AC_1_PHASE', 'DC'], 'PowerType')).toEqual({ reason: '"AC" is not an OCPI PowerType value' });
    expect(ocpiEnum(null, ['DC'], 'PowerType')).toEqual({ reason: 'null is not an OCPI PowerType value' });
  });

  it('an integer within bounds, or why not', () => {
    expect(ocpiInt(230, 1)).toEqual({ value: 230 });
    expect(ocpiInt(0, 1)).toEqual({ reason: expect.stringContaining('0 is outside 1..') });
    expect(ocpiInt(100000, 0, 99999)).toEqual({ reason: '100000 is outside 0..99999' });
    expect(ocpiInt(2.5)).toEqual({ reason: '2.5 is not an integer' });
    expect(ocpiInt('230')).toEqual({ reason: '"230" is not an integer' });
  });
});

describe('ocpiUrl: string(255), absolute', () => {
  it.each([
    ['https://acme.example/terms', true],
    ['http://acme.example:8080/a?b=c#d', true],
    ['https://acme.example/%20space', true],
    [`https://acme.example/${'a'.repeat(255 - 21)}`, true],
    [`https://acme.example/${'a'.repeat(256 - 21)}`, false],
    ['https://acme.example/a b', false],
    ['https://acme.example/ü', false],
    ['https://acme.example/%zz', false],
    ['/relative/path', false],
    ['acme.example', false],
    ['', false],
  ])('%s: %s', (url, ok) => {
    expect('value' in ocpiUrl(url)).toBe(ok);
  });
});

describe('ocpiDateTime: an OCPI DateTime for a timestamp of ours', () => {
  it.each([
    ['2026-11-02T09:30:00.000Z', '2026-11-02T09:30:00.000Z'],
    ['2026-11-02T09:30:00Z', '2026-11-02T09:30:00Z'],
    ['2026-11-02T09:30:00', '2026-11-02T09:30:00'],
    ['2026-11-02T10:30:00+01:00', '2026-11-02T09:30:00.000Z'],
    ['2026-11-02T09:30:00+00:00', '2026-11-02T09:30:00.000Z'],
    ['2026-11-02T04:30:00.250-05:00', '2026-11-02T09:30:00.250Z'],
    ['2026-11-02T09:30:00.1230000+01:00', '2026-11-02T08:30:00.123Z'],
    ['2026-11-02', '2026-11-02T00:00:00.000Z'],
    ['2026-11-02 09:30:00Z', '2026-11-02T09:30:00.000Z'],
    ['2026-11-02t09:30:00z', '2026-11-02T09:30:00.000Z'],
  ])('%s → %s', (input, output) => {
    expect(ocpiDateTime(input)).toEqual({ value: output });
  });

  it.each([
    ['2026-02-30T00:00:00Z', 'is not an RFC 3339 timestamp'],
    ['yesterday', 'is not an RFC 3339 timestamp'],
    ['2026-11-02T10:30:00.1234567+01:00', 'is finer than a millisecond'],
    ['2026-11-02T09:30:00.12345Z', 'is finer than a millisecond'],
    ['9999-12-31T23:30:00-01:00', 'outside the years OCPI can write'],
  ])('%s cannot be written: %s', (input, reason) => {
    expect(ocpiDateTime(input)).toEqual({ reason: expect.stringContaining(reason) });
  });

  it('latestDateTime compares instants', () => {
    expect(latestDateTime('2026-11-02T09:30:00.000Z', '2026-11-02T09:30:00.001Z', '2026-01-01T00:00:00Z')).toBe('2026-11-02T09:30:00.001Z');
    expect(latestDateTime('2026-11-02T09:30:00.500Z', '2026-11-02T09:30:00.5Z')).toBe('2026-11-02T09:30:00.500Z');
  });
});

describe('ocpiGeoLocation: the regexes and the lengths', () => {
  it.each([
    ['52.37403', '4.88969'],
    ['-52.374031', '-123.123456'],
    ['52.3740311', '123.1234567'],
    ['-5.1234567', '-12.1234567'],
  ])('%s, %s pass as they are', (latitude, longitude) => {
    expect(ocpiGeoLocation({ latitude, longitude })).toEqual({ value: { latitude, longitude }, notes: [] });
  });

  it.each([
    ['-33.8688197', '151.2092955', '-33.868820', '151.2092955'],
    ['-9.9999995', '-179.9999995', '-9.9999995', '-180.000000'],
    ['-89.9999995', '-99.9999995', '-90.000000', '-99.9999995'],
    ['-33.8688194', '-151.2092955', '-33.868819', '-151.209296'],
  ])('%s, %s: seven decimals that do not fit are rounded to six (%s, %s), with a note', (latitude, longitude, lat6, lng6) => {
    const checked = ocpiGeoLocation({ latitude, longitude });
    expect(checked.value).toEqual({ latitude: lat6, longitude: lng6 });
    expect(checked.notes.length).toBe(Number(lat6 !== latitude) + Number(lng6 !== longitude));
    for (const note of checked.notes) expect(note.reason).toMatch(/^rounded from .* to .*: OCPI's string\(1[01]\)/);
  });

  it.each([
    ['52.3740', '4.88969', 'latitude'],
    ['52.37403', '4,88969', 'longitude'],
    ['152.37403', '4.88969', 'latitude'],
    [null, '4.88969', 'latitude'],
  ])('%s, %s: no GeoLocation (%s)', (latitude, longitude, field) => {
    const checked = ocpiGeoLocation({ latitude, longitude });
    expect(checked.value).toBeUndefined();
    expect(checked.notes).toEqual([{ field, reason: expect.stringContaining("does not match OCPI's") }]);
  });
});

it('a latitude that only rounding would bring to 100 has no GeoLocation', () => {
  expect(ocpiGeoLocation({ latitude: '-99.9999995', longitude: '4.88969' })).toEqual({
    notes: [{ field: 'latitude', reason: "-99.9999995 is longer than OCPI's string(10)" }],
  });
});
