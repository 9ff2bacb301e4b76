import { randomUUID } from 'node:crypto';
import type { StatusSchedule } from '../charge-stations/charge-station.types.js';
import type { EvseStatus } from '../charge-stations/rules/station-status.js';
import type { FieldError } from '../common/api-error.js';
import type { DisplayText, GeoLocation } from '../common/ocpi/ocpi.types.js';
import { orNull } from '../common/changes.js';
import { formatTimestamp } from '../common/time.js';
import type { Connector } from './connector.entity.js';
import type { ConnectorDto, ConnectorWriteDto } from './dto/connector.dto.js';
import type { EvseDto, EvseWriteDto } from './dto/evse.dto.js';
import type { Evse } from './evse.entity.js';
import type { Capability, OcpiImage, ParkingRestriction } from './evse.types.js';
import { connectorProblems, connectorType, type ConnectorFormat, type ConnectorStandard, type PowerType } from './rules/connectors.js';
import { generatedEvseUid } from './rules/evse-identity.js';

/** What a client defines of a connector: everything but its live values. Canonical key order. */
export interface ConnectorDefinition {
  id: string;
  standard: ConnectorStandard;
  format: ConnectorFormat;
  power_type: PowerType;
  voltage: number;
  amperage: number;
  max_electric_power: number | null;
  tariff_id: string | null;
  reimbursement_tariff_id: string | null;
  terms_and_conditions: string | null;
}

/** What a client defines of an EVSE: everything but its status and timestamps. Canonical key order. */
export interface EvseDefinition {
  uid: string;
  evse_id: string | null;
  evse_sequence_number: number;
  status_schedule: StatusSchedule[] | null;
  capabilities: Capability[] | null;
  floor_level: string | null;
  physical_reference: string | null;
  coordinates: GeoLocation | null;
  images: OcpiImage[] | null;
  directions: DisplayText[] | null;
  parking_restrictions: ParkingRestriction[] | null;
  connectors: ConnectorDefinition[];
}

/** A new EVSE's first status comes from the body; an existing EVSE keeps its own. */
export interface EvseDraft extends EvseDefinition {
  initialStatus: EvseStatus;
}

export interface StoredEvse {
  evse: Evse;
  connectors: Connector[];
}

export interface Identity {
  countryCode: string;
  partyId: string;
  chargeStationId: string;
}


type Loose<T> = { [K in keyof T]?: T[K] | null | undefined };

export const statusSchedules = (list: Loose<StatusSchedule>[] | null | undefined): StatusSchedule[] | null =>
  list
    ? list.map((s) => ({
        period_begin: s.period_begin!,
        period_end: orNull(s.period_end),
        status: s.status!,
        status_message: orNull(s.status_message),
      }))
    : null;

export const displayTexts = (list: DisplayText[] | null | undefined): DisplayText[] | null =>
  list ? list.map(({ language, text }) => ({ language, text })) : null;

const images = (list: Loose<OcpiImage>[] | null | undefined): OcpiImage[] | null =>
  list
    ? list.map((i) => ({
        url: i.url!,
        thumbnail: orNull(i.thumbnail),
        category: i.category!,
        type: i.type!,
        width: orNull(i.width),
        height: orNull(i.height),
      }))
    : null;

export function connectorDefinition(body: ConnectorWriteDto, id: string): ConnectorDefinition {
  return {
    id,
    standard: body.standard,
    format: body.format,
    power_type: body.power_type,
    voltage: body.voltage,
    amperage: body.amperage,
    max_electric_power: orNull(body.max_electric_power),
    tariff_id: orNull(body.tariff_id),
    reimbursement_tariff_id: orNull(body.reimbursement_tariff_id),
    terms_and_conditions: orNull(body.terms_and_conditions),
  };
}

export function storedConnectorDefinition(c: Connector): ConnectorDefinition {
  return {
    id: c.connectorId,
    standard: c.standard,
    format: c.format,
    power_type: c.powerType,
    voltage: c.voltage,
    amperage: c.amperage,
    max_electric_power: c.maxElectricPower,
    tariff_id: c.tariffId,
    reimbursement_tariff_id: c.reimbursementTariffId,
    terms_and_conditions: c.termsAndConditions,
  };
}

export function storedEvseDefinition({ evse, connectors }: StoredEvse): EvseDefinition {
  return {
    uid: evse.uid,
    evse_id: evse.evseId,
    evse_sequence_number: evse.evseSequenceNumber,
    status_schedule: evse.statusSchedule,
    capabilities: evse.capabilities,
    floor_level: evse.floorLevel,
    physical_reference: evse.physicalReference,
    coordinates: evse.latitude !== null && evse.longitude !== null ? { latitude: evse.latitude, longitude: evse.longitude } : null,
    images: evse.images,
    directions: evse.directions,
    parking_restrictions: evse.parkingRestrictions,
    connectors: sortConnectors(connectors).map(storedConnectorDefinition),
  };
}

export function sortConnectors(connectors: Connector[]): Connector[] {
  return [...connectors].sort((a, b) => Number(a.connectorId) - Number(b.connectorId));
}

export function sameDefinition(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The definition part of a draft (without its initial status). */
export function definitionOf(draft: EvseDraft): EvseDefinition {
  const { initialStatus: _initialStatus, ...definition } = draft;
  return definition;
}

export function evseColumns(definition: EvseDefinition): Partial<Evse> {
  return {
    uid: definition.uid,
    evseId: definition.evse_id,
    evseSequenceNumber: definition.evse_sequence_number,
    statusSchedule: definition.status_schedule,
    capabilities: definition.capabilities,
    floorLevel: definition.floor_level,
    physicalReference: definition.physical_reference,
    latitude: definition.coordinates?.latitude ?? null,
    longitude: definition.coordinates?.longitude ?? null,
    images: definition.images,
    directions: definition.directions,
    parkingRestrictions: definition.parking_restrictions,
  };
}

export function connectorColumns(definition: ConnectorDefinition): Partial<Connector> {
  return {
    connectorId: definition.id,
    standard: definition.standard,
    format: definition.format,
    powerType: definition.power_type,
    voltage: definition.voltage,
    amperage: definition.amperage,
    maxElectricPower: definition.max_electric_power,
    tariffId: definition.tariff_id,
    reimbursementTariffId: definition.reimbursement_tariff_id,
    termsAndConditions: definition.terms_and_conditions,
  };
}

// The two views below run for every connector and EVSE of every list page: they build their
// objects in wire order without spreading or discarding intermediate definitions.
export function toConnectorDto(c: Connector): ConnectorDto {
  const dto = storedConnectorDefinition(c) as ConnectorDto;
  dto.connector_type = connectorType(c.standard, c.format) ?? 'Unknown';
  dto.last_updated = formatTimestamp(c.lastUpdated);
  return dto;
}

/** `statusOverride`: what the live status reads as (UNKNOWN while the charger is offline). */
export function toEvseDto(stored: StoredEvse, statusOverride?: EvseStatus): EvseDto {
  const { evse } = stored;
  return {
    uid: evse.uid,
    evse_id: evse.evseId,
    evse_sequence_number: evse.evseSequenceNumber,
    status: evse.status === 'REMOVED' ? 'REMOVED' : (statusOverride ?? evse.status),
    status_schedule: evse.statusSchedule,
    capabilities: evse.capabilities,
    connectors: sortConnectors(stored.connectors).map(toConnectorDto),
    floor_level: evse.floorLevel,
    physical_reference: evse.physicalReference,
    coordinates: evse.latitude !== null && evse.longitude !== null ? { latitude: evse.latitude, longitude: evse.longitude } : null,
    images: evse.images,
    directions: evse.directions,
    parking_restrictions: evse.parkingRestrictions,
    last_updated: formatTimestamp(evse.lastUpdated),
  };
}

/**
 * Turns the EVSEs of a write body into complete definitions (SPEC §4): sequence numbers, uids and
 * connector ids assigned where absent, connector rules checked, uniqueness within the body checked.
 * `existing` are all EVSEs the station has (REMOVED ones too): an EVSE sent without a sequence
 * number keeps the one of the stored EVSE with its uid. `path` prefixes field paths (e.g. `evses`).
 */
export function draftEvses(
  bodies: EvseWriteDto[],
  identity: Identity,
  existing: StoredEvse[],
  path: (index: number) => string,
): { drafts: EvseDraft[]; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const byUid = new Map(existing.map((e) => [e.evse.uid.toLowerCase(), e.evse]));

  // Sequence numbers: as sent; else the stored EVSE's own while no other EVSE of the body has it
  // (numbers sent first, then those of live EVSEs, then those of REMOVED EVSEs being revived:
  // the station may have given a removed EVSE's number to another one meanwhile); else the lowest
  // free one. Only two numbers sent alike are an error.
  const sequences: (number | undefined)[] = bodies.map((body) => body.evse_sequence_number);
  const taken = new Set(sequences.filter((s): s is number => s !== undefined));
  for (const live of [true, false]) {
    bodies.forEach((body, index) => {
      const stored = body.uid === undefined ? undefined : byUid.get(body.uid.toLowerCase());
      if (sequences[index] !== undefined || !stored || (stored.status !== 'REMOVED') !== live) return;
      if (taken.has(stored.evseSequenceNumber)) return;
      taken.add(stored.evseSequenceNumber);
      sequences[index] = stored.evseSequenceNumber;
    });
  }
  let nextSequence = 1;
  const assigned = sequences.map((s) => {
    if (s !== undefined) return s;
    while (taken.has(nextSequence)) nextSequence++;
    taken.add(nextSequence);
    return nextSequence;
  });

  const explicitConnectorIds = new Set(bodies.flatMap((b) => b.connectors.map((c) => c.id).filter((id): id is string => !!id)));
  let nextConnector = 1;
  const seenSequence = new Map<number, number>();
  const seenUid = new Map<string, number>();
  const seenEvseId = new Map<string, number>();
  const seenConnector = new Map<string, string>();

  const drafts = bodies.map((body, index): EvseDraft => {
    const at = path(index);
    const sequence = assigned[index];
    const duplicateSequence = seenSequence.has(sequence);
    if (duplicateSequence) {
      problems.push({ field: `${at}.evse_sequence_number`, message: `evse_sequence_number ${sequence} is used by evses[${seenSequence.get(sequence)}] too` });
    }
    seenSequence.set(sequence, index);
    const uid = body.uid ?? generatedEvseUid(identity.countryCode, identity.partyId, identity.chargeStationId, sequence, randomUUID);
    // A uid generated from a duplicate sequence number collides too; that is the same mistake, reported once.
    if (seenUid.has(uid.toLowerCase()) && !(duplicateSequence && body.uid === undefined)) {
      problems.push({ field: `${at}.uid`, message: `uid ${uid} is used by evses[${seenUid.get(uid.toLowerCase())}] too` });
    }
    seenUid.set(uid.toLowerCase(), index);
    if (body.evse_id) {
      if (seenEvseId.has(body.evse_id.toUpperCase())) {
        problems.push({ field: `${at}.evse_id`, message: `evse_id ${body.evse_id} is used by evses[${seenEvseId.get(body.evse_id.toUpperCase())}] too` });
      }
      seenEvseId.set(body.evse_id.toUpperCase(), index);
    }
    const connectors = body.connectors.map((connector, c) => {
      const connectorPath = `${at}.connectors[${c}]`;
      let id = connector.id;
      if (!id) {
        while (explicitConnectorIds.has(String(nextConnector)) || seenConnector.has(String(nextConnector))) nextConnector++;
        id = String(nextConnector);
      }
      if (seenConnector.has(id)) {
        problems.push({ field: `${connectorPath}.id`, message: `connector id ${id} is used by ${seenConnector.get(id)} too; connector ids are unique within the station` });
      }
      seenConnector.set(id, connectorPath);
      for (const problem of connectorProblems(connector)) problems.push({ field: `${connectorPath}.${problem.field}`, message: problem.message });
      return connectorDefinition(connector, id);
    });
    return {
      uid,
      evse_id: orNull(body.evse_id),
      evse_sequence_number: sequence,
      status_schedule: statusSchedules(body.status_schedule),
      capabilities: body.capabilities ? [...body.capabilities] : null,
      floor_level: orNull(body.floor_level),
      physical_reference: orNull(body.physical_reference),
      coordinates: body.coordinates ? { latitude: body.coordinates.latitude, longitude: body.coordinates.longitude } : null,
      images: images(body.images),
      directions: displayTexts(body.directions),
      parking_restrictions: body.parking_restrictions ? [...body.parking_restrictions] : null,
      connectors: [...connectors].sort((a, b) => Number(a.id) - Number(b.id)),
      initialStatus: body.status ?? 'UNKNOWN',
    };
  });
  return { drafts, problems };
}

/** An EVSE write body of a stored EVSE's definition: the starting point of an EVSE or connector PATCH. */
export function writeBodyOf(definition: EvseDefinition): EvseWriteDto {
  return { ...definition, connectors: definition.connectors.map((c) => ({ ...c })) } as unknown as EvseWriteDto;
}
