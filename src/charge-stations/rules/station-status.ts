/** SPEC §4 EVSE `status`. */
export const EVSE_STATUSES = [
  'AVAILABLE',
  'BLOCKED',
  'CHARGING',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'REMOVED',
  'RESERVED',
  'UNKNOWN',
] as const;
export type EvseStatus = (typeof EVSE_STATUSES)[number];

/** The order in which an EVSE status becomes the station's status: first present wins. */
const STATION_STATUS_PRECEDENCE: readonly EvseStatus[] = [
  'AVAILABLE',
  'CHARGING',
  'RESERVED',
  'BLOCKED',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'UNKNOWN',
];

/**
 * SPEC §4 derived station `status`: REMOVED when Deprecated; else the first of AVAILABLE, CHARGING,
 * RESERVED, BLOCKED, INOPERATIVE, OUTOFORDER, PLANNED, UNKNOWN that a non-REMOVED EVSE has; else UNKNOWN.
 */
export function stationStatus(deployState: string, evseStatuses: readonly EvseStatus[]): EvseStatus {
  if (deployState === 'Deprecated') return 'REMOVED';
  return STATION_STATUS_PRECEDENCE.find((status) => evseStatuses.includes(status)) ?? 'UNKNOWN';
}
