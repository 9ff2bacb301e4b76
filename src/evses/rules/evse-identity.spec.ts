import {
  CHARGE_STATION_ID_PATTERN,
  EVSE_ID_PATTERN,
  generatedEvseUid,
  isReservedStationId,
  isValidEvseId,
  templateEvseId,
} from './evse-identity.js';

describe('EVSE_ID_PATTERN', () => {
  it('is the SPEC pattern, character for character', () => {
    expect(EVSE_ID_PATTERN.source).toBe(
      String.raw`^(([A-Z]{2}\*?[A-Z0-9]{3}\*?E[A-Z0-9\*]{1,30})|(\+?[0-9]{1,3}\*[0-9]{3}\*[0-9\*]{1,32}))$`,
    );
    expect(EVSE_ID_PATTERN.flags).toBe('');
  });
});

describe('isValidEvseId', () => {
  it.each([
    ['eMI3 with separators', 'NL*GFX*E123456*1'],
    ['eMI3 without separators', 'NLGFXE1234561'],
    ['eMI3 separator only after the country', 'DE*ABCE1'],
    ['eMI3 separator only after the operator', 'DEABC*E1'],
    ['eMI3 one character after E', 'NL*GFX*E1'],
    ['eMI3 30 characters after E', `NL*GFX*E${'A'.repeat(30)}`],
    ['eMI3 digits in the operator id', 'NL*1A2*EX1'],
    ['DIN with plus', '+49*810*000*438'],
    ['DIN without plus', '49*810*000438'],
    ['DIN one-digit country', '+1*234*5'],
    ['DIN 32 characters in the last part', `+49*810*${'1'.repeat(32)}`],
    ['longest eMI3 form (38 characters)', `NL*GFX*E${'9'.repeat(30)}`],
    ['longest DIN form (41 characters)', `+123*456*${'7'.repeat(32)}`],
  ])('accepts %s: %s', (_label, id) => {
    expect(isValidEvseId(id)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['lower case', 'nl*gfx*e123*1'],
    ['no E', 'NL*GFX*123456'],
    ['31 characters after E', `NL*GFX*E${'A'.repeat(31)}`],
    ['two-character operator', 'NL*GF*E1'],
    ['three-letter country', 'NLD*GFX*E1'],
    ['dash separators', 'NL-GFX-E1'],
    ['trailing newline', 'NL*GFX*E1\n'],
    ['DIN four-digit country', '+1234*810*1'],
    ['DIN two-digit operator', '+49*81*1'],
    ['DIN letters', '+49*810*ABC'],
    ['DIN 33 characters in the last part', `+49*810*${'1'.repeat(33)}`],
  ])('rejects %s: %p', (_label, id) => {
    expect(isValidEvseId(id)).toBe(false);
  });
});

describe('generatedEvseUid', () => {
  const uuid = () => '0b5e1a8c-6b1f-4d5e-9c2a-1f2e3d4c5b6a';

  it.each([
    ['short station id', 'NL', 'GFX', 'CS1', 1, 'NL-GFX-ECS1-1'],
    ['sequence above 9', 'DE', 'ABC', 'EVB-P1234', 12, 'DE-ABC-EEVB-P1234-12'],
    ['station id kept as given', 'NL', 'GFX', 'cs*1.a', 2, 'NL-GFX-Ecs*1.a-2'],
    ['exactly 36 characters', 'NL', 'GFX', 'A'.repeat(26), 1, `NL-GFX-E${'A'.repeat(26)}-1`],
    ['37 characters → UUID', 'NL', 'GFX', 'A'.repeat(27), 1, uuid()],
    ['exactly 36 characters with a 3-digit sequence', 'NL', 'GFX', 'A'.repeat(24), 100, `NL-GFX-E${'A'.repeat(24)}-100`],
    ['37 characters through the sequence → UUID', 'NL', 'GFX', 'A'.repeat(25), 100, uuid()],
    ['48-character station id → UUID', 'NL', 'GFX', 'A'.repeat(48), 1, uuid()],
  ])('%s', (_label, countryCode, partyId, stationId, sequence, expected) => {
    const uid = generatedEvseUid(countryCode, partyId, stationId, sequence, uuid);
    expect(uid).toBe(expected);
    expect(uid.length).toBeLessThanOrEqual(36);
  });

  it('asks for a UUID only when it needs one', () => {
    let calls = 0;
    const uuidSource = () => {
      calls += 1;
      return uuid();
    };
    generatedEvseUid('NL', 'GFX', 'CS1', 1, uuidSource);
    expect(calls).toBe(0);
    generatedEvseUid('NL', 'GFX', 'A'.repeat(40), 1, uuidSource);
    expect(calls).toBe(1);
  });
});

describe('templateEvseId', () => {
  it.each([
    ['plain station id', 'NL', 'GFX', 'CS1', 1, 'NL*GFX*ECS1*1'],
    ['upper-cased', 'NL', 'GFX', 'cs-evb-01', 2, 'NL*GFX*ECSEVB01*2'],
    ['characters outside A-Z 0-9 dropped', 'DE', 'ABC', 'a*b-c_d=e:f+g|h@i.j', 3, 'DE*ABC*EABCDEFGHIJ*3'],
    ['non-ASCII letters dropped', 'NL', 'GFX', 'Zaandam-Ø1', 1, 'NL*GFX*EZAANDAM1*1'],
    ['station id with nothing left', 'NL', 'GFX', '-_.', 1, 'NL*GFX*E*1'],
    ['30 characters after E', 'NL', 'GFX', 'A'.repeat(28), 1, `NL*GFX*E${'A'.repeat(28)}*1`],
    ['31 characters after E → null', 'NL', 'GFX', 'A'.repeat(29), 1, null],
    ['31 characters after E through the sequence → null', 'NL', 'GFX', 'A'.repeat(27), 100, null],
    ['dropped characters do not count', 'NL', 'GFX', `${'A'.repeat(28)}---`, 1, `NL*GFX*E${'A'.repeat(28)}*1`],
    ['48-character station id → null', 'NL', 'GFX', 'A'.repeat(48), 1, null],
    ['lower-case country code → null (only the station id is upper-cased)', 'nl', 'GFX', 'CS1', 1, null],
    ['two-character party id → null', 'NL', 'GF', 'CS1', 1, null],
  ])('%s', (_label, countryCode, partyId, stationId, sequence, expected) => {
    const id = templateEvseId(countryCode, partyId, stationId, sequence);
    expect(id).toBe(expected);
    if (id !== null) expect(isValidEvseId(id)).toBe(true);
  });
});

describe('CHARGE_STATION_ID_PATTERN', () => {
  it.each([
    ['letters and digits', 'CS1'],
    ['every allowed symbol', 'a*b-c_d=e:f+g|h@i.j'],
    ['one character', 'X'],
    ['48 characters', 'A'.repeat(48)],
  ])('accepts %s: %s', (_label, id) => {
    expect(CHARGE_STATION_ID_PATTERN.test(id)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['49 characters', 'A'.repeat(49)],
    ['slash', 'CS/1'],
    ['space', 'CS 1'],
    ['hash', 'CS#1'],
    ['percent', 'CS%201'],
    ['non-ASCII', 'Station-Ø'],
    ['trailing newline', 'CS1\n'],
  ])('rejects %s: %p', (_label, id) => {
    expect(CHARGE_STATION_ID_PATTERN.test(id)).toBe(false);
  });
});

describe('isReservedStationId', () => {
  it.each([
    ['ChargestationTemplate', true],
    ['chargestationtemplate', true],
    ['CHARGESTATIONTEMPLATE', true],
    ['ChargeStationTemplate', true],
    ['ChargestationTemplates', false],
    ['ChargestationTemplate1', false],
    [' ChargestationTemplate', false],
    ['Chargestation', false],
    ['CS1', false],
  ])('%p → %s', (id, expected) => {
    expect(isReservedStationId(id)).toBe(expected);
  });
});
