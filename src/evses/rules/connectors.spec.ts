import {
  CONNECTOR_FORMATS,
  CONNECTOR_STANDARDS,
  POWER_TYPES,
  connectorProblems,
  connectorType,
  isDcStandard,
  type ConnectorSpecification,
} from './connectors.js';

/** SPEC §4, the connector table: standard, format, connector_type. */
const CONNECTOR_TABLE: [string, string, string][] = [
  ['IEC_62196_T1_COMBO', 'CABLE', 'CCS1_Cable'],
  ['IEC_62196_T2_COMBO', 'CABLE', 'CCS2_Cable'],
  ['IEC_62196_T1_COMBO', 'SOCKET', 'CCS1_Socket'],
  ['IEC_62196_T2_COMBO', 'SOCKET', 'CCS2_Socket'],
  ['IEC_62196_T2', 'SOCKET', 'Mennekes_Socket'],
  ['IEC_62196_T2', 'CABLE', 'Mennekes_Cable'],
  ['IEC_62196_T1', 'CABLE', 'Type1_Cable'],
  ['CHADEMO', 'CABLE', 'ChaDeMo_Cable'],
  ['DOMESTIC_E', 'SOCKET', 'DOMESTIC_E_Socket'],
  ['DOMESTIC_F', 'SOCKET', 'DOMESTIC_F_Socket'],
  ['DOMESTIC_G', 'SOCKET', 'DOMESTIC_G_Socket'],
  ['DOMESTIC_H', 'SOCKET', 'DOMESTIC_H_Socket'],
  ['DOMESTIC_I', 'SOCKET', 'DOMESTIC_I_Socket'],
  ['DOMESTIC_J', 'SOCKET', 'DOMESTIC_J_Socket'],
  ['DOMESTIC_K', 'SOCKET', 'DOMESTIC_K_Socket'],
  ['DOMESTIC_L', 'SOCKET', 'DOMESTIC_L_Socket'],
];

/** Every standard/format pair that is not a row of the table, with the formats the standard does allow. */
const PAIRS_NOT_IN_TABLE: [string, string, string][] = [
  ['IEC_62196_T1', 'SOCKET', 'CABLE'],
  ['CHADEMO', 'SOCKET', 'CABLE'],
  ['DOMESTIC_E', 'CABLE', 'SOCKET'],
  ['DOMESTIC_F', 'CABLE', 'SOCKET'],
  ['DOMESTIC_G', 'CABLE', 'SOCKET'],
  ['DOMESTIC_H', 'CABLE', 'SOCKET'],
  ['DOMESTIC_I', 'CABLE', 'SOCKET'],
  ['DOMESTIC_J', 'CABLE', 'SOCKET'],
  ['DOMESTIC_K', 'CABLE', 'SOCKET'],
  ['DOMESTIC_L', 'CABLE', 'SOCKET'],
];

/** SPEC §4 Connector power_type: DC exactly for the COMBO and CHADEMO standards. */
const DC_BY_STANDARD: [string, boolean][] = [
  ['IEC_62196_T1_COMBO', true],
  ['IEC_62196_T2_COMBO', true],
  ['IEC_62196_T2', false],
  ['IEC_62196_T1', false],
  ['CHADEMO', true],
  ['DOMESTIC_E', false],
  ['DOMESTIC_F', false],
  ['DOMESTIC_G', false],
  ['DOMESTIC_H', false],
  ['DOMESTIC_I', false],
  ['DOMESTIC_J', false],
  ['DOMESTIC_K', false],
  ['DOMESTIC_L', false],
];

const dcOf = (standard: string) => DC_BY_STANDARD.find(([s]) => s === standard)![1];

/** A connector that breaks no rule, for the given table row. */
const validConnector = (standard: string, format: string): ConnectorSpecification => ({
  standard,
  format,
  power_type: dcOf(standard) ? 'DC' : 'AC_3_PHASE',
  voltage: 400,
  amperage: 32,
});

describe('enums', () => {
  it('lists the connector standards', () => {
    expect(CONNECTOR_STANDARDS).toEqual(DC_BY_STANDARD.map(([standard]) => standard));
  });

  it('lists the formats and power types', () => {
    expect(CONNECTOR_FORMATS).toEqual(['SOCKET', 'CABLE']);
    expect(POWER_TYPES).toEqual(['AC_1_PHASE', 'AC_3_PHASE', 'DC']);
  });

  it('the two tables above cover every standard × format pair exactly once', () => {
    const pairs = [...CONNECTOR_TABLE, ...PAIRS_NOT_IN_TABLE].map(([s, f]) => `${s}/${f}`);
    expect(new Set(pairs).size).toBe(CONNECTOR_STANDARDS.length * CONNECTOR_FORMATS.length);
    expect(pairs).toHaveLength(CONNECTOR_STANDARDS.length * CONNECTOR_FORMATS.length);
  });
});

describe('connectorType', () => {
  it.each(CONNECTOR_TABLE)('%s + %s → %s', (standard, format, expected) => {
    expect(connectorType(standard, format)).toBe(expected);
  });

  it.each(PAIRS_NOT_IN_TABLE)('%s + %s → undefined (not a row)', (standard, format) => {
    expect(connectorType(standard, format)).toBeUndefined();
  });

  it.each([
    ['unknown standard', 'IEC_62196_T3', 'SOCKET'],
    ['unknown format', 'IEC_62196_T2', 'PLUG'],
    ['lower-case values', 'iec_62196_t2', 'socket'],
    ['prototype key as standard', 'constructor', 'SOCKET'],
    ['prototype key as format', 'IEC_62196_T2', 'toString'],
    ['empty strings', '', ''],
  ])('%s → undefined', (_label, standard, format) => {
    expect(connectorType(standard, format)).toBeUndefined();
  });
});

describe('isDcStandard', () => {
  it.each(DC_BY_STANDARD)('%s → %s', (standard, expected) => {
    expect(isDcStandard(standard)).toBe(expected);
  });

  it.each(['', 'DC', 'chademo', 'IEC_62196_T3_COMBO'])('unknown standard %p → false', (standard) => {
    expect(isDcStandard(standard)).toBe(false);
  });
});

describe('connectorProblems', () => {
  it.each(CONNECTOR_TABLE)('%s + %s with its power type is valid', (standard, format) => {
    expect(connectorProblems(validConnector(standard, format))).toEqual([]);
  });

  it.each(PAIRS_NOT_IN_TABLE)('%s + %s is reported on format, allowing %s', (standard, format, allowed) => {
    const problems = connectorProblems({ ...validConnector(standard, allowed), format });
    expect(problems).toEqual([{ field: 'format', message: expect.stringContaining(standard) }]);
    expect(problems[0].message).toContain(allowed);
    expect(problems[0].message).toMatch(new RegExp(`allowed: ${allowed}$`));
  });

  const powerTypeCases = CONNECTOR_TABLE.flatMap(([standard, format]) =>
    POWER_TYPES.map((powerType): [string, string, string, boolean] => [
      standard,
      format,
      powerType,
      dcOf(standard) === (powerType === 'DC'),
    ]),
  );

  it.each(powerTypeCases)('%s + %s with %s: allowed = %s', (standard, format, power_type, allowed) => {
    const problems = connectorProblems({ ...validConnector(standard, format), power_type });
    if (allowed) {
      expect(problems).toEqual([]);
    } else {
      expect(problems).toEqual([
        {
          field: 'power_type',
          message: dcOf(standard)
            ? `power_type must be DC for standard ${standard}`
            : `power_type must be AC_1_PHASE or AC_3_PHASE for standard ${standard}`,
        },
      ]);
    }
  });

  const base = validConnector('IEC_62196_T2', 'SOCKET');

  it.each([
    ['voltage', 1, true],
    ['voltage', 230, true],
    ['voltage', 1500, true],
    ['voltage', 1501, false],
    ['voltage', 0, false],
    ['voltage', -230, false],
    ['voltage', 230.5, false],
    ['voltage', Number.NaN, false],
    ['voltage', Number.POSITIVE_INFINITY, false],
    ['voltage', '230', false],
    ['amperage', 1, true],
    ['amperage', 32, true],
    ['amperage', 1000, true],
    ['amperage', 1001, false],
    ['amperage', 0, false],
    ['amperage', -16, false],
    ['amperage', 16.5, false],
    ['amperage', Number.NaN, false],
    ['amperage', '16', false],
    ['max_electric_power', undefined, true],
    ['max_electric_power', null, true],
    ['max_electric_power', 1, true],
    ['max_electric_power', 22000, true],
    ['max_electric_power', 350000, true],
    ['max_electric_power', 0, false],
    ['max_electric_power', -22000, false],
    ['max_electric_power', 22000.5, false],
    ['max_electric_power', Number.NaN, false],
    ['max_electric_power', '22000', false],
  ])('%s = %p: valid = %s', (field, value, valid) => {
    const problems = connectorProblems({ ...base, [field]: value } as ConnectorSpecification);
    if (valid) {
      expect(problems).toEqual([]);
    } else {
      expect(problems).toEqual([{ field, message: expect.stringContaining(field) }]);
    }
  });

  it('reports every broken rule at once, in field order', () => {
    const problems = connectorProblems({
      standard: 'CHADEMO',
      format: 'SOCKET',
      power_type: 'AC_1_PHASE',
      voltage: 0,
      amperage: 2000,
      max_electric_power: -1,
    });
    expect(problems.map((p) => p.field)).toEqual(['format', 'power_type', 'voltage', 'amperage', 'max_electric_power']);
  });

  it.each([
    ['unknown standard', { standard: 'IEC_62196_T3' }],
    ['unknown format', { format: 'PLUG' }],
    ['unknown power_type', { power_type: 'AC_2_PHASE' }],
    ['prototype key as standard', { standard: '__proto__' }],
  ])('leaves %s to the enum validation and does not crash', (_label, override) => {
    expect(connectorProblems({ ...base, ...override })).toEqual([]);
  });
});
