/** SPEC §4 Connector `standard`: the connector standards a connector may declare. */
export const CONNECTOR_STANDARDS = [
  'IEC_62196_T1_COMBO',
  'IEC_62196_T2_COMBO',
  'IEC_62196_T2',
  'IEC_62196_T1',
  'CHADEMO',
  'DOMESTIC_E',
  'DOMESTIC_F',
  'DOMESTIC_G',
  'DOMESTIC_H',
  'DOMESTIC_I',
  'DOMESTIC_J',
  'DOMESTIC_K',
  'DOMESTIC_L',
] as const;
export type ConnectorStandard = (typeof CONNECTOR_STANDARDS)[number];

/** SPEC §4 Connector `format`. */
export const CONNECTOR_FORMATS = ['SOCKET', 'CABLE'] as const;
export type ConnectorFormat = (typeof CONNECTOR_FORMATS)[number];

/** SPEC §4 Connector `power_type`. */
export const POWER_TYPES = ['AC_1_PHASE', 'AC_3_PHASE', 'DC'] as const;
export type PowerType = (typeof POWER_TYPES)[number];

/** SPEC §4 Connector: the fields the connector rules look at. */
export interface ConnectorSpecification {
  standard: string;
  format: string;
  power_type: string;
  voltage: number;
  amperage: number;
  max_electric_power?: number | null;
}

/** A rule violation, `field` relative to the connector. */
export interface ConnectorProblem {
  field: string;
  message: string;
}

const DOMESTIC_TYPES: Record<string, Partial<Record<ConnectorFormat, string>>> = Object.fromEntries(
  CONNECTOR_STANDARDS.filter((standard) => standard.startsWith('DOMESTIC_')).map((standard) => [
    standard,
    { SOCKET: `${standard}_Socket` },
  ]),
);

const CONNECTOR_TYPES: Record<string, Partial<Record<ConnectorFormat, string>>> = {
  IEC_62196_T1_COMBO: { CABLE: 'CCS1_Cable', SOCKET: 'CCS1_Socket' },
  IEC_62196_T2_COMBO: { CABLE: 'CCS2_Cable', SOCKET: 'CCS2_Socket' },
  IEC_62196_T2: { SOCKET: 'Mennekes_Socket', CABLE: 'Mennekes_Cable' },
  IEC_62196_T1: { CABLE: 'Type1_Cable' },
  CHADEMO: { CABLE: 'ChaDeMo_Cable' },
  ...DOMESTIC_TYPES,
};

const DC_STANDARDS: readonly string[] = ['IEC_62196_T1_COMBO', 'IEC_62196_T2_COMBO', 'CHADEMO'];

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

/** SPEC §4 connector table: the `connector_type` of a standard/format pair, undefined when the pair is not a row. */
export function connectorType(standard: string, format: string): string | undefined {
  if (!Object.hasOwn(CONNECTOR_TYPES, standard) || !isOneOf(CONNECTOR_FORMATS, format)) return undefined;
  return CONNECTOR_TYPES[standard][format];
}

/** SPEC §4 Connector `power_type`: the COMBO and CHADEMO standards are the DC ones. */
export function isDcStandard(standard: string): boolean {
  return DC_STANDARDS.includes(standard);
}

const isPositiveIntegerUpTo = (value: unknown, max: number): boolean =>
  Number.isInteger(value) && (value as number) > 0 && (value as number) <= max;

/**
 * SPEC §4 Connector rules: standard/format pair, power_type against the standard, voltage, amperage
 * and max_electric_power ranges. Unknown enum values are left to the enum validation.
 */
export function connectorProblems(c: ConnectorSpecification): ConnectorProblem[] {
  const problems: ConnectorProblem[] = [];
  const knownStandard = isOneOf(CONNECTOR_STANDARDS, c.standard);
  if (knownStandard && isOneOf(CONNECTOR_FORMATS, c.format) && !connectorType(c.standard, c.format)) {
    const allowed = CONNECTOR_FORMATS.filter((format) => connectorType(c.standard, format));
    problems.push({
      field: 'format',
      message: `format ${c.format} is not available for standard ${c.standard}; allowed: ${allowed.join(', ')}`,
    });
  }
  if (knownStandard && isOneOf(POWER_TYPES, c.power_type)) {
    const dc = isDcStandard(c.standard);
    if (dc !== (c.power_type === 'DC')) {
      problems.push({
        field: 'power_type',
        message: dc
          ? `power_type must be DC for standard ${c.standard}`
          : `power_type must be AC_1_PHASE or AC_3_PHASE for standard ${c.standard}`,
      });
    }
  }
  if (!isPositiveIntegerUpTo(c.voltage, 1500)) {
    problems.push({ field: 'voltage', message: 'voltage must be a positive integer of at most 1500 (V)' });
  }
  if (!isPositiveIntegerUpTo(c.amperage, 1000)) {
    problems.push({ field: 'amperage', message: 'amperage must be a positive integer of at most 1000 (A)' });
  }
  if (c.max_electric_power != null && !isPositiveIntegerUpTo(c.max_electric_power, Number.MAX_SAFE_INTEGER)) {
    problems.push({ field: 'max_electric_power', message: 'max_electric_power must be a positive integer (W)' });
  }
  return problems;
}
