import type { EvseStatus } from '../../charge-stations/rules/station-status.js';

/** SPEC §8: the OCPP 1.6 ChargePointStatus a StatusNotification reports for a connector. */
export const OCPP_CONNECTOR_STATUSES = [
  'Available',
  'Preparing',
  'Charging',
  'SuspendedEVSE',
  'SuspendedEV',
  'Finishing',
  'Reserved',
  'Unavailable',
  'Faulted',
] as const;
export type OcppConnectorStatus = (typeof OCPP_CONNECTOR_STATUSES)[number];

const EVSE_STATUS_BY_OCPP: Record<OcppConnectorStatus, EvseStatus> = {
  Available: 'AVAILABLE',
  Preparing: 'AVAILABLE',
  Charging: 'CHARGING',
  SuspendedEV: 'CHARGING',
  SuspendedEVSE: 'CHARGING',
  Finishing: 'CHARGING',
  Reserved: 'RESERVED',
  Unavailable: 'OUTOFORDER',
  Faulted: 'OUTOFORDER',
};

/** Which connector status speaks for the EVSE, highest priority first. */
const PRIORITY_HIGH_TO_LOW: readonly OcppConnectorStatus[] = [
  'Charging',
  'SuspendedEV',
  'SuspendedEVSE',
  'Finishing',
  'Preparing',
  'Reserved',
  'Available',
  'Unavailable',
  'Faulted',
];

/** SPEC §8 OCPP → EVSE status mapping of one connector status. */
export function evseStatusFromOcpp(status: OcppConnectorStatus): EvseStatus {
  return EVSE_STATUS_BY_OCPP[status];
}

/** SPEC §8 EVSE status: the highest-priority OCPP status among its connectors, mapped; UNKNOWN without any. */
export function evseStatusFromConnectors(statuses: readonly OcppConnectorStatus[]): EvseStatus {
  const winner = PRIORITY_HIGH_TO_LOW.find((status) => statuses.includes(status));
  return winner ? evseStatusFromOcpp(winner) : 'UNKNOWN';
}
