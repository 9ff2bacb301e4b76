import type { ChargeStationDto } from '../../charge-stations/dto/charge-station.dto.js';
import type { ConnectorDto } from '../../evses/dto/connector.dto.js';
import type { EvseDto } from '../../evses/dto/evse.dto.js';
import {
  OCPI_CAPABILITIES,
  OCPI_CONNECTOR_FORMATS,
  OCPI_CONNECTOR_TYPES,
  OCPI_PARKING_RESTRICTIONS,
  OCPI_POWER_TYPES,
  OCPI_STATUSES,
  type OcpiConnector,
  type OcpiEvse,
  type OcpiStatus,
} from '../ocpi-2.2.1.types.js';
import { Problems, type MappingProblem } from './mapping-problem.js';
import { displayText, enumList, geoLocation, image, listOf, optionalField, statusSchedule } from './ocpi-parts.js';
import { isChecked, latestDateTime, ocpiCiString, ocpiDateTime, ocpiEnum, ocpiInt, ocpiString, ocpiUrl } from './ocpi-values.js';

/** What a connector or EVSE takes from its station: the tariff default, directions, floor, schedule, its time. */
export type StationDefaults = Pick<
  ChargeStationDto,
  | 'default_charge_station_tariff_id'
  | 'default_charge_station_directions'
  | 'default_charge_station_floor_level'
  | 'status_schedule'
  | 'last_updated'
>;

export interface MappedConnector {
  /** Absent when a required field cannot be made valid (see problems). */
  connector?: OcpiConnector;
  problems: MappingProblem[];
}

export interface MappedEvse {
  /** Absent when a required field cannot be made valid or no connector can be published (see problems). */
  evse?: OcpiEvse;
  problems: MappingProblem[];
}

/**
 * A required field's value, or undefined with a problem saying that the object is left out.
 */
function required<T>(problems: Problems, path: string, checked: { value: T } | { reason: string }, what: string): T | undefined {
  if (isChecked(checked)) return checked.value;
  problems.add(path, `${checked.reason}; the ${what} is left out`);
  return undefined;
}

const hasText = (value: string | null | undefined): value is string => value !== null && value !== undefined && value !== '';

/**
 * Timestamps of ours are read-only and written by the service; one OCPI could not read would be a
 * bug, and leaves the object out like any other invalid required field.
 */
function timestamp(problems: Problems, path: string, value: string, what: string): string | undefined {
  return required(problems, path, ocpiDateTime(value), what);
}

/**
 * SPEC §11 connector: `max_voltage`/`max_amperage` from `voltage`/`amperage`; `tariff_ids` from the
 * connector's `tariff_id`, else the station's `default_charge_station_tariff_id`. Our standards,
 * formats and power types are all OCPI values; anything else is reported.
 *
 * `last_updated` is the later of the connector's and the station's: the station's default tariff
 * shows in the connector, and a change of it changes only the station's `last_updated`.
 */
export function toOcpiConnector(source: ConnectorDto, station: StationDefaults, problems: Problems = new Problems()): MappedConnector {
  const at = problems.under(`connectors[id=${source.id}]`);
  const what = 'connector';
  const id = required(at, 'id', ocpiCiString(source.id, 36, 1), what);
  const standard = required(at, 'standard', ocpiEnum(source.standard, OCPI_CONNECTOR_TYPES, 'ConnectorType'), what);
  const format = required(at, 'format', ocpiEnum(source.format, OCPI_CONNECTOR_FORMATS, 'ConnectorFormat'), what);
  const powerType = required(at, 'power_type', ocpiEnum(source.power_type, OCPI_POWER_TYPES, 'PowerType'), what);
  const maxVoltage = required(at, 'max_voltage', ocpiInt(source.voltage, 1), what);
  const maxAmperage = required(at, 'max_amperage', ocpiInt(source.amperage, 1), what);
  const ownTime = timestamp(at, 'last_updated', source.last_updated, what);
  const stationTime = timestamp(at, 'last_updated', station.last_updated, what);
  if (
    id === undefined ||
    standard === undefined ||
    format === undefined ||
    powerType === undefined ||
    maxVoltage === undefined ||
    maxAmperage === undefined ||
    ownTime === undefined ||
    stationTime === undefined
  ) {
    return { problems: problems.all };
  }
  const connector: OcpiConnector = {
    id,
    standard,
    format,
    power_type: powerType,
    max_voltage: maxVoltage,
    max_amperage: maxAmperage,
    last_updated: latestDateTime(ownTime, stationTime),
  };
  if (source.max_electric_power != null) {
    const power = optionalField(at, 'max_electric_power', ocpiInt(source.max_electric_power, 1));
    if (power !== undefined) connector.max_electric_power = power;
  }
  const tariffId = hasText(source.tariff_id) ? source.tariff_id : station.default_charge_station_tariff_id;
  if (hasText(tariffId)) {
    const checked = ocpiCiString(tariffId, 36, 1);
    if (isChecked(checked)) connector.tariff_ids = [checked.value];
    else {
      const whose = hasText(source.tariff_id) ? "the connector's tariff_id" : "the station's default_charge_station_tariff_id";
      at.add('tariff_ids', `${whose} ${JSON.stringify(tariffId)} ${checked.reason}; left out`);
    }
  }
  if (hasText(source.terms_and_conditions)) {
    const terms = optionalField(at, 'terms_and_conditions', ocpiUrl(source.terms_and_conditions));
    if (terms !== undefined) connector.terms_and_conditions = terms;
  }
  return { connector, problems: problems.all };
}

/**
 * SPEC §11 EVSE. `status` is given by the caller: the EVSE's status as GET answers it (UNKNOWN while
 * the charger is offline), or REMOVED for an EVSE that was published and has left (see
 * toOcpiLocation). Directions, floor level and status schedule fall back to the station's
 * defaults when the EVSE has none; OCPI's StatusSchedule has no `status_message`.
 *
 * `last_updated` is the latest of the EVSE's, its published connectors' and its station's: OCPI's
 * EVSE `last_updated` covers its connectors, and what the EVSE takes from the station (defaults,
 * the status REMOVED when the station leaves) changes only the station's `last_updated`.
 */
export function toOcpiEvse(
  source: EvseDto,
  station: StationDefaults,
  status: OcpiStatus = source.status,
  problems: Problems = new Problems(),
): MappedEvse {
  const at = problems.under(`evses[uid=${source.uid}]`);
  const what = 'EVSE';
  const uid = required(at, 'uid', ocpiCiString(source.uid, 36, 1), what);
  const checkedStatus = required(at, 'status', ocpiEnum(status, OCPI_STATUSES, 'Status'), what);
  const ownTime = timestamp(at, 'last_updated', source.last_updated, what);
  const stationTime = timestamp(at, 'last_updated', station.last_updated, what);
  const connectors = (source.connectors ?? [])
    .map((connector) => toOcpiConnector(connector, station, at).connector)
    .filter((connector): connector is OcpiConnector => connector !== undefined);
  if (connectors.length === 0) at.add('connectors', 'no connector can be published, and OCPI needs at least one; the EVSE is left out');
  if (uid === undefined || checkedStatus === undefined || ownTime === undefined || stationTime === undefined || connectors.length === 0) {
    return { problems: problems.all };
  }

  const evse: OcpiEvse = {
    uid,
    status: checkedStatus,
    connectors,
    last_updated: latestDateTime(ownTime, stationTime, ...connectors.map((connector) => connector.last_updated)),
  };
  if (hasText(source.evse_id)) {
    const evseId = optionalField(at, 'evse_id', ocpiCiString(source.evse_id, 48, 1));
    if (evseId !== undefined) evse.evse_id = evseId;
  }
  const schedule = listOf(at, 'status_schedule', source.status_schedule?.length ? source.status_schedule : station.status_schedule, statusSchedule);
  if (schedule) evse.status_schedule = schedule;
  const capabilities = enumList(at, 'capabilities', source.capabilities, OCPI_CAPABILITIES, 'Capability');
  if (capabilities) evse.capabilities = capabilities;
  const floor = hasText(source.floor_level) ? source.floor_level : station.default_charge_station_floor_level;
  if (hasText(floor)) {
    const floorLevel = optionalField(at, 'floor_level', ocpiString(floor, 4));
    if (floorLevel !== undefined) evse.floor_level = floorLevel;
  }
  if (source.coordinates) {
    const coordinates = geoLocation(source.coordinates, at.under('coordinates'), 'the coordinates are left out');
    if (coordinates) evse.coordinates = coordinates;
  }
  if (hasText(source.physical_reference)) {
    const reference = optionalField(at, 'physical_reference', ocpiString(source.physical_reference, 16));
    if (reference !== undefined) evse.physical_reference = reference;
  }
  const directions = listOf(
    at,
    'directions',
    source.directions?.length ? source.directions : station.default_charge_station_directions,
    displayText,
  );
  if (directions) evse.directions = directions;
  const restrictions = enumList(at, 'parking_restrictions', source.parking_restrictions, OCPI_PARKING_RESTRICTIONS, 'ParkingRestriction');
  if (restrictions) evse.parking_restrictions = restrictions;
  const images = listOf(at, 'images', source.images, image);
  if (images) evse.images = images;
  return { evse, problems: problems.all };
}
