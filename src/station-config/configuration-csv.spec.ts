import { configurationCsv, csvField } from './configuration-csv.js';

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    [' spaces kept ', ' spaces kept '],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes null as an empty field', () => {
    expect(csvField(null)).toBe('');
  });
});

describe('configurationCsv', () => {
  it('is only the header line before the charger reported keys', () => {
    expect(configurationCsv('CS-1', [])).toBe('ChargeStationId,Key,Value\r\n');
  });

  it('writes one CRLF-terminated row per key, in the reported order, quoting where needed', () => {
    const csv = configurationCsv('CS-1', [
      { key: 'HeartbeatInterval', value: '60', readonly: false },
      { key: 'Label', value: 'Bay "A", left', readonly: true },
      { key: 'AuthorizationKey', value: null, readonly: false },
    ]);
    expect(csv).toBe('ChargeStationId,Key,Value\r\nCS-1,HeartbeatInterval,60\r\nCS-1,Label,"Bay ""A"", left"\r\nCS-1,AuthorizationKey,\r\n');
  });

  it('quotes a station id or key that needs it', () => {
    expect(configurationCsv('a,b', [{ key: 'k"1', value: 'v', readonly: false }])).toBe('ChargeStationId,Key,Value\r\n"a,b","k""1",v\r\n');
  });
});
