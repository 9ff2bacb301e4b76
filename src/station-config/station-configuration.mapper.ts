import { connectivity, reportedFields } from '../charge-stations/charge-station.mapper.js';
import type { StationAggregate } from '../charge-stations/charge-station.types.js';
import { formatTimestamp } from '../common/time.js';
import type { Settings } from '../settings/settings.js';
import type { StationConfigurationDto } from './dto/station-configuration.dto.js';

const timestamp = (epochMs: number | null): string | null => (epochMs === null ? null : formatTimestamp(epochMs));

/** The configuration a station shows now: what its charger reported, or the defaults (SPEC §7). */
export function toStationConfigurationDto({ station, config }: StationAggregate, settings: Settings): StationConfigurationDto {
  return {
    charge_station_id: station.chargeStationId,
    ...reportedFields(config, settings),
    connectivity_status: connectivity(config, settings),
    client_ip_address: config?.clientIpAddress ?? null,
    last_boot_notification: timestamp(config?.lastBootNotification ?? null),
    last_heartbeat: timestamp(config?.lastHeartbeat ?? null),
    configuration_keys: (config?.configurationKeys ?? []).map(({ key, value, readonly }) => ({ key, value: value ?? null, readonly })),
  };
}
