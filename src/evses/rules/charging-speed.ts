/** SPEC §4 `charging_speed` of one connector. */
export type ConnectorSpeed = 'Slow' | 'Fast' | 'Rapid';

/** SPEC §4 `charging_speed` of a station. */
export type ChargingSpeed = 'Slow' | 'Fast' | 'Rapid' | 'Mix_AC_DC' | 'Mix_DC';

/** The connector fields a charging speed is derived from. */
export interface ConnectorRating {
  power_type: string;
  voltage: number;
  amperage: number;
  max_electric_power?: number | null;
}

/** The most a DC connector may deliver, in W, and still be Fast rather than Rapid. */
const FAST_DC_MAX_POWER = 100_000;

/** SPEC §4 `charging_speed` power: max_electric_power, else voltage × amperage, × 3 for AC_3_PHASE (W). */
export function connectorPower(c: ConnectorRating): number {
  if (c.max_electric_power != null) return c.max_electric_power;
  return c.voltage * c.amperage * (c.power_type === 'AC_3_PHASE' ? 3 : 1);
}

/** SPEC §4 `charging_speed` per connector: AC → Slow; DC ≤ 100 kW → Fast; DC > 100 kW → Rapid. */
export function connectorSpeed(c: ConnectorRating): ConnectorSpeed {
  if (c.power_type !== 'DC') return 'Slow';
  return connectorPower(c) > FAST_DC_MAX_POWER ? 'Rapid' : 'Fast';
}

/**
 * SPEC §4 `charging_speed` of a station: one speed when all connectors share it; Mix_AC_DC when AC
 * and DC connectors meet; Mix_DC for Fast and Rapid DC only; null without connectors.
 */
export function stationChargingSpeed(connectors: readonly ConnectorRating[]): ChargingSpeed | null {
  const speeds = new Set(connectors.map(connectorSpeed));
  if (speeds.size === 0) return null;
  if (speeds.size === 1) return [...speeds][0];
  return speeds.has('Slow') ? 'Mix_AC_DC' : 'Mix_DC';
}
