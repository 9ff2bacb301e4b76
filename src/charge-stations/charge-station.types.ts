import type { StoredEvse } from '../evses/evse.model.js';
import type { StationConfiguration } from '../station-config/station-configuration.entity.js';
import type { ChargeStation } from './charge-station.entity.js';
import type { EvseStatus } from './rules/station-status.js';

export const DEPLOY_STATES = ['Stock', 'Production', 'Deprecated'] as const;
export type DeployState = (typeof DEPLOY_STATES)[number];

export const CHARGER_TYPES = ['Public', 'Home', 'Business'] as const;
export type ChargerType = (typeof CHARGER_TYPES)[number];

export const CONTACTLESS_TYPES = ['Payter', 'Nayax'] as const;
export type ContactlessType = (typeof CONTACTLESS_TYPES)[number];

export const PROTOCOL_VERSIONS = ['Ocpp15', 'Ocpp15Soap', 'Ocpp16', 'Ocpp201'] as const;
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

export const CONNECTIVITY_STATUSES = ['Online', 'Offline'] as const;
export type ConnectivityStatus = (typeof CONNECTIVITY_STATUSES)[number];

/** OCPI-style planned status change of a station or EVSE (GreenFlux StatusSchedule). */
export interface StatusSchedule {
  period_begin: string;
  period_end: string | null;
  status: EvseStatus;
  status_message: string | null;
}

export const CHARGING_SPEEDS = ['Slow', 'Fast', 'Rapid', 'Mix_AC_DC', 'Mix_DC'] as const;

/** A station with everything its answer shows: its row, its configuration row, its EVSEs with their connectors. */
export interface StationAggregate {
  station: ChargeStation;
  config: StationConfiguration | undefined;
  evses: StoredEvse[];
}
