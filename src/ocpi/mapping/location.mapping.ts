import type { ChargeStationDto } from '../../charge-stations/dto/charge-station.dto.js';
import type { Hours } from '../../common/ocpi/ocpi.types.js';
import type { LocationDto } from '../../locations/dto/location.dto.js';
import {
  OCPI_FACILITIES,
  type OcpiConnector,
  type OcpiEvse,
  type OcpiExceptionalPeriod,
  type OcpiHours,
  type OcpiLocation,
  type OcpiParkingType,
  type OcpiRegularHours,
  type OcpiStatus,
} from '../ocpi-2.2.1.types.js';
import { toOcpiEvse } from './evse.mapping.js';
import { Problems, type MappingProblem } from './mapping-problem.js';
import { displayText, enumList, geoLocation, listOf, optionalField } from './ocpi-parts.js';
import { isChecked, latestDateTime, ocpiCiString, ocpiDateTime, ocpiInt, ocpiString, type Checked } from './ocpi-values.js';
import { countryTimeZone, isKnownTimeZone, isAlpha3Country } from './time-zone.js';

/** The CPO whose network is published: its OCPI party and the name its locations show as operator. */
export interface OcpiCpo {
  /** ISO 3166-1 alpha-2, e.g. `NL`. */
  countryCode: string;
  /** The party id of three characters, e.g. `ACM`. */
  partyId: string;
  name: string;
}

export interface OcpiLocationSource {
  cpo: OcpiCpo;
  location: LocationDto;
  /**
   * The stations whose EVSEs are or were at this location: every station now at it (any
   * `deploy_state`), and every station that has moved away while EVSEs of it were published here.
   * Their `evses` include REMOVED ones. A station whose `location_id` is not this location's id counts
   * as moved away.
   */
  stations: readonly ChargeStationDto[];
  /**
   * The `uid`s of the EVSEs the partners were last sent for this location (compared
   * case-insensitively, as identifiers are). An EVSE in this set that is no longer published — it
   * was REMOVED, its station left Production, or its station moved away — is sent with status
   * REMOVED (OCPI has no DELETE), for as long as the caller keeps it in the set. An EVSE that
   * was never published and is not published now is not sent at all.
   */
  publishedEvseUids: ReadonlySet<string>;
}

/**
 * What toOcpiLocation answers. `problems` lists everything of ours that OCPI could not carry as
 * stored (left out or adjusted), publishable or not.
 */
export type MappedLocation =
  | { publishable: true; location: OcpiLocation; problems: MappingProblem[] }
  | { publishable: false; reasons: string[]; problems: MappingProblem[] };

/** SPEC §3 `type` → OCPI ParkingType; OTHER and UNKNOWN have no OCPI value and leave it out. */
const PARKING_TYPES: Record<string, OcpiParkingType | undefined> = {
  ON_STREET: 'ON_STREET',
  PARKING_GARAGE: 'PARKING_GARAGE',
  UNDERGROUND_GARAGE: 'UNDERGROUND_GARAGE',
  PARKING_LOT: 'PARKING_LOT',
  OTHER: undefined,
  UNKNOWN: undefined,
};

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const hasText = (value: string | null | undefined): value is string => value !== null && value !== undefined && value !== '';

/** Why an EVSE of a station is not published now, or undefined when it is. */
function notPublishedBecause(location: LocationDto, station: ChargeStationDto, evse: ChargeStationDto['evses'][number]): string | undefined {
  if (!sameId(station.location_id, location.id)) return `its station ${station.charge_station_id} moved to location ${station.location_id}`;
  if (station.deploy_state !== 'Production') return `its station ${station.charge_station_id} is ${station.deploy_state}`;
  if (evse.status === 'REMOVED') return 'it was removed';
  return undefined;
}

/**
 * The published EVSEs: those of the location's Production stations that are not REMOVED, with
 * their live status, and those that were published before and have left since, as REMOVED.
 */
function publishedEvses(source: OcpiLocationSource, problems: Problems): OcpiEvse[] {
  const published = new Set([...source.publishedEvseUids].map((uid) => uid.toLowerCase()));
  const byUid = new Map<string, { evse: OcpiEvse; live: boolean }>();
  for (const station of source.stations) {
    for (const evse of station.evses ?? []) {
      const key = evse.uid.toLowerCase();
      const leftBecause = notPublishedBecause(source.location, station, evse);
      const live = leftBecause === undefined;
      if (!live && !published.has(key)) continue;
      const earlier = byUid.get(key);
      // An EVSE seen twice (the caller passed a station before and after a move): the live one wins.
      if (earlier && (earlier.live || !live)) continue;
      const status: OcpiStatus = live ? evse.status : 'REMOVED';
      const mapped = toOcpiEvse(evse, station, status, problems);
      if (mapped.evse) byUid.set(key, { evse: mapped.evse, live });
    }
  }
  return [...byUid.values()].map(({ evse }) => evse);
}

const HOUR_MINUTE = /^([0-1][0-9]|2[0-3]):[0-5][0-9]$/;

/**
 * OCPI Hours, whole or not at all: a partial timetable would tell drivers a wrong opening time, so
 * one entry OCPI cannot express (24:00, a period across midnight, twentyfourseven with regular
 * hours, no regular hours without twentyfourseven) leaves `opening_times` out, with each reason.
 */
function openingTimes(source: Hours, problems: Problems): OcpiHours | undefined {
  let valid = true;
  const fail = (path: string, reason: string) => {
    problems.add(path, `${reason}; opening_times is left out`);
    valid = false;
  };
  if (typeof source.twentyfourseven !== 'boolean') fail('twentyfourseven', 'is not a boolean');
  const regular: OcpiRegularHours[] = [];
  (source.regular_hours ?? []).forEach((entry, index) => {
    const path = `regular_hours[${index}]`;
    const weekday = ocpiInt(entry.weekday, 1, 7);
    if (!isChecked(weekday)) fail(`${path}.weekday`, weekday.reason);
    for (const field of ['period_begin', 'period_end'] as const) {
      if (!HOUR_MINUTE.test(entry[field])) fail(`${path}.${field}`, `${JSON.stringify(entry[field])} is not an OCPI time of day (00:00–23:59)`);
    }
    if (HOUR_MINUTE.test(entry.period_begin) && HOUR_MINUTE.test(entry.period_end) && entry.period_end <= entry.period_begin) {
      fail(`${path}.period_end`, `${entry.period_end} is not later than period_begin ${entry.period_begin}, as OCPI requires`);
    }
    regular.push({ weekday: entry.weekday, period_begin: entry.period_begin, period_end: entry.period_end });
  });
  if (source.twentyfourseven === true && regular.length > 0) fail('regular_hours', 'are given with twentyfourseven, which OCPI does not allow');
  if (source.twentyfourseven === false && regular.length === 0) fail('regular_hours', 'are missing: OCPI needs at least one when not twentyfourseven');
  const periods = (field: 'exceptional_openings' | 'exceptional_closings'): OcpiExceptionalPeriod[] =>
    (source[field] ?? []).map((period, index) => {
      const begin = ocpiDateTime(period.period_begin);
      const end = ocpiDateTime(period.period_end);
      if (!isChecked(begin)) fail(`${field}[${index}].period_begin`, begin.reason);
      if (!isChecked(end)) fail(`${field}[${index}].period_end`, end.reason);
      return { period_begin: isChecked(begin) ? begin.value : '', period_end: isChecked(end) ? end.value : '' };
    });
  const openings = periods('exceptional_openings');
  const closings = periods('exceptional_closings');
  if (!valid) return undefined;
  const hours: OcpiHours = { twentyfourseven: source.twentyfourseven };
  if (regular.length > 0) hours.regular_hours = regular;
  if (openings.length > 0) hours.exceptional_openings = openings;
  if (closings.length > 0) hours.exceptional_closings = closings;
  return hours;
}

/** The location's own time zone when this Node knows it, else its country's single zone. */
function timeZone(location: LocationDto, problems: Problems): Checked<string> {
  if (hasText(location.time_zone)) {
    const own = ocpiString(location.time_zone, 255, 1);
    if (isChecked(own) && isKnownTimeZone(own.value)) return own;
    problems.add('time_zone', `${JSON.stringify(location.time_zone)} is not an IANA time zone this service knows; derived from the country instead`);
  }
  const derived = countryTimeZone(location.country);
  return 'timeZone' in derived ? { value: derived.timeZone } : { reason: `is missing and ${derived.reason}` };
}

/**
 * SPEC §11 "Mapping": one of the CPO's Locations as an OCPI 2.2.1 Location, with its published
 * EVSEs (see OcpiLocationSource). The result is publishable, and then valid OCPI, or not
 * publishable with the reasons (a required field OCPI cannot carry: no time zone that can be
 * derived, coordinates, address, the CPO's party, …). Optional data OCPI cannot carry is left out
 * and reported in `problems`.
 *
 * Not mapped, because OCPI 2.2.1 has no field for them: `address_line_2`, `remarks`,
 * `maintenance_info`, `access_type`, `auth_rules`, the GreenFlux payment and grouping fields, and
 * `energy_mix`, which is ours a reference to an energy-mix profile, not OCPI's EnergyMix content.
 */
export function toOcpiLocation(source: OcpiLocationSource): MappedLocation {
  const { cpo, location } = source;
  const problems = new Problems();
  const reasons: string[] = [];
  const requiredValue = <T>(field: string, checked: Checked<T>): T | undefined => {
    if (isChecked(checked)) return checked.value;
    reasons.push(`${field} ${checked.reason}`);
    return undefined;
  };

  const countryCode = requiredValue("the CPO's country_code", ocpiCiString(cpo.countryCode, 2, 2));
  const partyId = requiredValue("the CPO's party_id", ocpiCiString(cpo.partyId, 3, 3));
  const id = requiredValue('id', ocpiCiString(location.id, 36, 1));
  const address = requiredValue('address', ocpiString(location.address, 255, 1));
  const city = requiredValue('city', ocpiString(location.city, 45, 1));
  const country = requiredValue(
    'country',
    isAlpha3Country(location.country) ? { value: location.country.toUpperCase() } : { reason: `${JSON.stringify(location.country)} is not an ISO 3166-1 alpha-3 code` },
  );
  const lastUpdated = requiredValue('last_updated', ocpiDateTime(location.last_updated));
  let coordinates: OcpiLocation['coordinates'] | undefined;
  if (!location.coordinates) reasons.push('coordinates are missing, and OCPI requires them');
  else {
    coordinates = geoLocation(location.coordinates, problems.under('coordinates'), 'the location cannot be published');
    if (!coordinates) reasons.push('coordinates cannot be written as OCPI GeoLocation (see problems)');
  }
  const zone = requiredValue('time_zone', timeZone(location, problems));
  const evses = publishedEvses(source, problems);

  if (
    reasons.length > 0 ||
    countryCode === undefined ||
    partyId === undefined ||
    id === undefined ||
    address === undefined ||
    city === undefined ||
    country === undefined ||
    coordinates === undefined ||
    zone === undefined ||
    lastUpdated === undefined
  ) {
    return { publishable: false, reasons, problems: problems.all };
  }

  const times = evses.flatMap((evse) => [evse.last_updated, ...evse.connectors.map((connector: OcpiConnector) => connector.last_updated)]);
  const result: OcpiLocation = {
    country_code: countryCode,
    party_id: partyId,
    id,
    publish: location.publish,
    address,
    city,
    country,
    coordinates,
    time_zone: zone,
    last_updated: latestDateTime(lastUpdated, ...times),
  };
  if (hasText(location.name)) {
    const name = optionalField(problems, 'name', ocpiString(location.name, 255));
    if (name !== undefined) result.name = name;
  }
  if (hasText(location.postal_code)) {
    const postalCode = optionalField(problems, 'postal_code', ocpiString(location.postal_code, 10));
    if (postalCode !== undefined) result.postal_code = postalCode;
  }
  if (hasText(location.state)) {
    const state = optionalField(problems, 'state', ocpiString(location.state, 45));
    if (state !== undefined) result.state = state;
  }
  const parkingType = PARKING_TYPES[location.type];
  if (parkingType) result.parking_type = parkingType;
  else if (!Object.hasOwn(PARKING_TYPES, location.type)) problems.add('parking_type', `${JSON.stringify(location.type)} has no OCPI ParkingType; left out`);
  result.evses = evses;
  const directions = listOf(problems, 'directions', location.directions, displayText);
  if (directions) result.directions = directions;
  const operatorName = optionalField(problems, 'operator.name', ocpiString(cpo.name, 100, 1));
  if (operatorName !== undefined) result.operator = { name: operatorName };
  const facilities = enumList(problems, 'facilities', location.facilities, OCPI_FACILITIES, 'Facility');
  if (facilities) result.facilities = facilities;
  if (location.opening_times) {
    const hours = openingTimes(location.opening_times, problems.under('opening_times'));
    if (hours) result.opening_times = hours;
  }
  return { publishable: true, location: result, problems: problems.all };
}

/** The EVSE of an OCPI Location with this uid (case-insensitive), for GET …/{location_id}/{evse_uid}. */
export function ocpiEvseOf(location: OcpiLocation, uid: string): OcpiEvse | undefined {
  return location.evses?.find((evse) => sameId(evse.uid, uid));
}

/** The connector of an OCPI EVSE with this id (case-insensitive), for GET …/{evse_uid}/{connector_id}. */
export function ocpiConnectorOf(evse: OcpiEvse, id: string): OcpiConnector | undefined {
  return evse.connectors.find((connector) => sameId(connector.id, id));
}
