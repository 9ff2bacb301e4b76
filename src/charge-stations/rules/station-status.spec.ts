import { EVSE_STATUSES, stationStatus, type EvseStatus } from './station-status.js';

/** SPEC §4: the station takes the first of these that any non-REMOVED EVSE has. */
const PRECEDENCE: EvseStatus[] = [
  'AVAILABLE',
  'CHARGING',
  'RESERVED',
  'BLOCKED',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'UNKNOWN',
];

const LIVE_DEPLOY_STATES = ['Stock', 'Production'];

it('lists the EVSE statuses', () => {
  expect(EVSE_STATUSES).toEqual([
    'AVAILABLE',
    'BLOCKED',
    'CHARGING',
    'INOPERATIVE',
    'OUTOFORDER',
    'PLANNED',
    'REMOVED',
    'RESERVED',
    'UNKNOWN',
  ]);
});

describe.each(LIVE_DEPLOY_STATES)('stationStatus of a %s station', (deployState) => {
  it.each(PRECEDENCE.map((status, rank) => [status, PRECEDENCE.slice(rank + 1)] as const))(
    '%s beats every later status %j',
    (status, later) => {
      expect(stationStatus(deployState, [status])).toBe(status);
      expect(stationStatus(deployState, [...later, status])).toBe(status);
      expect(stationStatus(deployState, [status, ...later].reverse())).toBe(status);
      expect(stationStatus(deployState, [status, 'REMOVED', ...later])).toBe(status);
    },
  );

  it.each(PRECEDENCE.flatMap((a, i) => PRECEDENCE.slice(i + 1).map((b) => [a, b, a] as const)))(
    '%s with %s → %s',
    (a, b, expected) => {
      expect(stationStatus(deployState, [b, a])).toBe(expected);
      expect(stationStatus(deployState, [a, b])).toBe(expected);
    },
  );

  it.each([
    ['no EVSEs', [], 'UNKNOWN'],
    ['only REMOVED EVSEs', ['REMOVED', 'REMOVED'], 'UNKNOWN'],
    ['REMOVED EVSEs are ignored', ['REMOVED', 'PLANNED'], 'PLANNED'],
  ] as [string, EvseStatus[], EvseStatus][])('%s → %s', (_label, statuses, expected) => {
    expect(stationStatus(deployState, statuses)).toBe(expected);
  });
});

describe('stationStatus of a Deprecated station', () => {
  it.each([[[]], [['AVAILABLE']], [['CHARGING', 'UNKNOWN']], [['REMOVED']], [[...EVSE_STATUSES]]] as EvseStatus[][][])(
    'is REMOVED whatever its EVSEs: %j',
    (statuses) => {
      expect(stationStatus('Deprecated', statuses)).toBe('REMOVED');
    },
  );
});
