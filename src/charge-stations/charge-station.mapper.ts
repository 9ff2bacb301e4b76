import type { Settings } from '../settings/settings.js';
import type { AuthRule } from '../common/ocpi/ocpi.types.js';
import { orNull } from '../common/changes.js';
import { formatTimestamp, parseTimestamp } from '../common/time.js';
import { displayTexts, sortConnectors, statusSchedules, toEvseDto } from '../evses/evse.model.js';
import { stationChargingSpeed } from '../evses/rules/charging-speed.js';
import type { ChargeStation } from './charge-station.entity.js';
import type { ChargeStationDto } from './dto/charge-station.dto.js';
import type { ChargeStationWriteDto } from './dto/charge-station-write.dto.js';
import { stationStatus } from './rules/station-status.js';
import type { StationAggregate } from './charge-station.types.js';
import type { StationConfiguration } from '../station-config/station-configuration.entity.js';
import type { ConnectivityStatus } from './charge-station.types.js';

export const NOT_PROVIDED = 'Not Provided';

/** The station columns a client controls (its "own fields"). */
export type StationFields = Pick<
  ChargeStation,
  | 'locationId'
  | 'deployState'
  | 'defaultChargeStationTariffId'
  | 'chargerType'
  | 'chargeStationTemplateId'
  | 'name'
  | 'remarks'
  | 'maintenanceInfo'
  | 'installationDate'
  | 'defaultChargeStationReimbursementTariffId'
  | 'defaultChargeStationDirections'
  | 'defaultChargeStationFloorLevel'
  | 'contactlessType'
  | 'contactlessTerminalSerialNumber'
  | 'contactlessTerminalAuthAmount'
  | 'tapToStop'
  | 'stopOnParking'
  | 'dynamicTimeBasedTariffs'
  | 'timeOfUseTariffs'
  | 'excludeVat'
  | 'statusSchedule'
  | 'authRules'
  | 'createdBy'
  | 'modifiedBy'
>;

type Body = Partial<ChargeStationWriteDto>;
const authRules = (list: AuthRule[] | null | undefined) => (list ? list.map(({ type, value }) => ({ type, value })) : null);

/** Wire field → the columns it sets; nested values rebuilt in canonical key order. */
const WIRE_FIELDS: { [K in keyof Body]?: (value: Body[K]) => Partial<StationFields> } = {
  location_id: (v) => ({ locationId: v }),
  deploy_state: (v) => ({ deployState: v }),
  default_charge_station_tariff_id: (v) => ({ defaultChargeStationTariffId: v }),
  charger_type: (v) => ({ chargerType: v }),
  charge_station_template_id: (v) => ({ chargeStationTemplateId: orNull(v) }),
  name: (v) => ({ name: orNull(v) }),
  remarks: (v) => ({ remarks: orNull(v) }),
  maintenance_info: (v) => ({ maintenanceInfo: orNull(v) }),
  installation_date: (v) => ({ installationDate: v ? parseTimestamp(v)! : null }),
  default_charge_station_reimbursement_tariff_id: (v) => ({ defaultChargeStationReimbursementTariffId: orNull(v) }),
  default_charge_station_directions: (v) => ({ defaultChargeStationDirections: displayTexts(v) }),
  default_charge_station_floor_level: (v) => ({ defaultChargeStationFloorLevel: orNull(v) }),
  contactless_type: (v) => ({ contactlessType: orNull(v) }),
  contactless_terminal_serial_number: (v) => ({ contactlessTerminalSerialNumber: orNull(v) }),
  contactless_terminal_auth_amount: (v) => ({ contactlessTerminalAuthAmount: orNull(v) }),
  tap_to_stop: (v) => ({ tapToStop: orNull(v) }),
  stop_on_parking: (v) => ({ stopOnParking: orNull(v) }),
  dynamic_time_based_tariffs: (v) => ({ dynamicTimeBasedTariffs: orNull(v) }),
  time_of_use_tariffs: (v) => ({ timeOfUseTariffs: orNull(v) }),
  exclude_vat: (v) => ({ excludeVat: orNull(v) }),
  status_schedule: (v) => ({ statusSchedule: statusSchedules(v) }),
  auth_rules: (v) => ({ authRules: authRules(v) }),
  created_by: (v) => ({ createdBy: v ?? NOT_PROVIDED }),
  modified_by: (v) => ({ modifiedBy: v ?? NOT_PROVIDED }),
};

/** The wire fields stored in the station's own columns (see WIRE_FIELDS). */
export const STORED_WIRE_FIELDS = Object.keys(WIRE_FIELDS) as (keyof ChargeStationWriteDto)[];

const apply = (key: string, map: unknown, body: Body) =>
  (map as (v: unknown) => Partial<StationFields>)(body[key as keyof Body]);

/** Own fields of a full write (POST, PUT): whatever is not sent takes its default. */
export function stationFieldsFromWrite(body: Body): StationFields {
  const fields = {} as StationFields;
  for (const [key, map] of Object.entries(WIRE_FIELDS)) Object.assign(fields, apply(key, map, body));
  return fields;
}

/** Own fields after a PATCH: only keys present in the body change. */
export function stationFieldsAfterPatch(current: StationFields, body: Body): StationFields {
  const fields = { ...current };
  for (const [key, map] of Object.entries(WIRE_FIELDS)) {
    if (Object.prototype.hasOwnProperty.call(body, key)) Object.assign(fields, apply(key, map, body));
  }
  return fields;
}

export function stationFieldsOf(station: ChargeStation): StationFields {
  const fields = {} as StationFields;
  for (const key of Object.keys(stationFieldsFromWrite({})) as (keyof StationFields)[]) {
    (fields as Record<string, unknown>)[key] = station[key];
  }
  return fields;
}


/** The charger-reported fields (SPEC §4) with the values a station shows now. */
export function reportedFields(config: StationConfiguration | undefined, settings: Settings) {
  return {
    heartbeat_interval: config?.heartbeatInterval ?? settings.defaultHeartbeatInterval,
    charge_point_model: config?.chargePointModel ?? null,
    charge_point_vendor: config?.chargePointVendor ?? null,
    charge_point_serial_number: config?.chargePointSerialNumber ?? null,
    charge_box_serial_number: config?.chargeBoxSerialNumber ?? null,
    firmware_version: config?.firmwareVersion ?? null,
    iccid: config?.iccid ?? null,
    imsi: config?.imsi ?? null,
    meter_serial_number: config?.meterSerialNumber ?? null,
    meter_type: config?.meterType ?? null,
    remote_manageable: config?.remoteManageable ?? false,
    protocol_version: config?.protocolVersion ?? null,
    endpoint: settings.ocppPublicUrl,
  };
}

export type ReportedFields = ReturnType<typeof reportedFields>;

/**
 * SPEC §8: Online while the charger is connected and has sent a message within 3 × its heartbeat
 * interval. Read from the database on every request, so it holds whichever server process the
 * charger is connected to, and lapses by itself when a process dies.
 */
export function connectivity(config: StationConfiguration | undefined, settings: Settings, now = Date.now()): ConnectivityStatus {
  if (!config || config.connectivityStatus !== 'Online' || config.lastSeen === null) return 'Offline';
  const interval = config.heartbeatInterval ?? settings.defaultHeartbeatInterval;
  return now - config.lastSeen <= 3 * interval * 1000 ? 'Online' : 'Offline';
}

/** A charger that has connected before and is offline now: nobody knows its EVSEs' statuses (SPEC §8). */
export function offlineStatusOverride(config: StationConfiguration | undefined, settings: Settings, now = Date.now()): 'UNKNOWN' | undefined {
  return config?.lastSeen != null && connectivity(config, settings, now) === 'Offline' ? 'UNKNOWN' : undefined;
}

/** The station's EVSEs as answered, live statuses included. */
export function evseViews({ config, evses }: StationAggregate, settings: Settings) {
  const override = offlineStatusOverride(config, settings);
  return evses.map((e) => toEvseDto(e, override));
}

export function toChargeStationDto(aggregate: StationAggregate, settings: Settings): ChargeStationDto {
  const { station, config, evses } = aggregate;
  const live = evses.filter((e) => e.evse.status !== 'REMOVED');
  const reported = reportedFields(config, settings);
  const connectivityStatus = connectivity(config, settings);
  const statusOverride = offlineStatusOverride(config, settings);
  return {
    charge_station_id: station.chargeStationId,
    location_id: station.locationId,
    deploy_state: station.deployState,
    status: stationStatus(station.deployState, live.map((e) => statusOverride ?? e.evse.status)),
    connectivity_status: connectivityStatus,
    client_ip_address: config?.clientIpAddress ?? null,
    charging_speed: stationChargingSpeed(
      live.flatMap((e) =>
        sortConnectors(e.connectors).map((c) => ({
          power_type: c.powerType,
          voltage: c.voltage,
          amperage: c.amperage,
          max_electric_power: c.maxElectricPower,
        })),
      ),
    ),
    default_charge_station_tariff_id: station.defaultChargeStationTariffId,
    charger_type: station.chargerType,
    charge_station_template_id: station.chargeStationTemplateId,
    name: station.name,
    remarks: station.remarks,
    maintenance_info: station.maintenanceInfo,
    installation_date: station.installationDate === null ? null : formatTimestamp(station.installationDate),
    default_charge_station_reimbursement_tariff_id: station.defaultChargeStationReimbursementTariffId,
    default_charge_station_directions: station.defaultChargeStationDirections,
    default_charge_station_floor_level: station.defaultChargeStationFloorLevel,
    contactless_type: station.contactlessType,
    contactless_terminal_serial_number: station.contactlessTerminalSerialNumber,
    contactless_terminal_auth_amount: station.contactlessTerminalAuthAmount,
    tap_to_stop: station.tapToStop,
    stop_on_parking: station.stopOnParking,
    dynamic_time_based_tariffs: station.dynamicTimeBasedTariffs,
    time_of_use_tariffs: station.timeOfUseTariffs,
    exclude_vat: station.excludeVat,
    status_schedule: station.statusSchedule,
    auth_rules: station.authRules,
    ...reported,
    evses: evseViews(aggregate, settings),
    created_by: station.createdBy,
    modified_by: station.modifiedBy,
    etag: station.etag,
    created: formatTimestamp(station.created),
    modified: formatTimestamp(station.modified),
    last_updated: formatTimestamp(station.lastUpdated),
  };
}
