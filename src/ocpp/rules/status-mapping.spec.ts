import type { EvseStatus } from '../../charge-stations/rules/station-status.js';
import {
  OCPP_CONNECTOR_STATUSES,
  evseStatusFromConnectors,
  evseStatusFromOcpp,
  type OcppConnectorStatus,
} from './status-mapping.js';

/** SPEC §8 mapping: OCPP connector status → EVSE status. */
const MAPPING: [OcppConnectorStatus, EvseStatus][] = [
  ['Available', 'AVAILABLE'],
  ['Preparing', 'AVAILABLE'],
  ['Charging', 'CHARGING'],
  ['SuspendedEV', 'CHARGING'],
  ['SuspendedEVSE', 'CHARGING'],
  ['Finishing', 'CHARGING'],
  ['Reserved', 'RESERVED'],
  ['Unavailable', 'OUTOFORDER'],
  ['Faulted', 'OUTOFORDER'],
];

/** SPEC §8 priority, low → high. */
const PRIORITY_LOW_TO_HIGH: OcppConnectorStatus[] = [
  'Faulted',
  'Unavailable',
  'Available',
  'Reserved',
  'Preparing',
  'Finishing',
  'SuspendedEVSE',
  'SuspendedEV',
  'Charging',
];

const mapped = (status: OcppConnectorStatus) => MAPPING.find(([ocpp]) => ocpp === status)![1];

it('lists the OCPP 1.6 ChargePointStatus values a connector can have', () => {
  expect(OCPP_CONNECTOR_STATUSES).toEqual([
    'Available',
    'Preparing',
    'Charging',
    'SuspendedEVSE',
    'SuspendedEV',
    'Finishing',
    'Reserved',
    'Unavailable',
    'Faulted',
  ]);
  expect([...OCPP_CONNECTOR_STATUSES].sort()).toEqual(MAPPING.map(([ocpp]) => ocpp).sort());
  expect([...OCPP_CONNECTOR_STATUSES].sort()).toEqual([...PRIORITY_LOW_TO_HIGH].sort());
});

describe('evseStatusFromOcpp', () => {
  it.each(MAPPING)('%s → %s', (ocpp, expected) => {
    expect(evseStatusFromOcpp(ocpp)).toBe(expected);
  });
});

describe('evseStatusFromConnectors', () => {
  it('no connectors → UNKNOWN', () => {
    expect(evseStatusFromConnectors([])).toBe('UNKNOWN');
  });

  it.each(MAPPING)('a single %s connector → %s', (ocpp, expected) => {
    expect(evseStatusFromConnectors([ocpp])).toBe(expected);
    expect(evseStatusFromConnectors([ocpp, ocpp])).toBe(expected);
  });

  const pairs = PRIORITY_LOW_TO_HIGH.flatMap((lower, i) =>
    PRIORITY_LOW_TO_HIGH.slice(i + 1).map((higher) => [higher, lower, mapped(higher)] as const),
  );

  it.each(pairs)('%s outranks %s → %s', (higher, lower, expected) => {
    expect(evseStatusFromConnectors([lower, higher])).toBe(expected);
    expect(evseStatusFromConnectors([higher, lower])).toBe(expected);
  });

  it.each(PRIORITY_LOW_TO_HIGH.map((status, rank) => [status, PRIORITY_LOW_TO_HIGH.slice(0, rank + 1)] as const))(
    '%s wins over every lower status together: %j',
    (status, present) => {
      expect(evseStatusFromConnectors([...present].reverse())).toBe(mapped(status));
      expect(evseStatusFromConnectors(present)).toBe(mapped(status));
    },
  );
});
