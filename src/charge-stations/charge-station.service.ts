import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiTokenRepository } from '../auth/api-token.repository.js';
import type { Cpo } from '../auth/cpo.entity.js';
import { type Principal, principalCpo, principalCpoPks } from '../auth/principal.js';
import { invalidToken } from '../auth/tokens.js';
import { ApiError, type FieldError, StatusCode } from '../common/api-error.js';
import { changedColumns } from '../common/changes.js';
import { Answer, type SerialisedData } from '../common/envelope.js';
import { isDuplicateKey } from '../common/error-response.js';
import { checkEtag, newEtag, UNGUARDED_WRITE_ATTEMPTS } from '../common/etag.js';
import type { SerialisedPage } from '../common/pagination.js';
import type { EvseWriteDto } from '../evses/dto/evse.dto.js';
import { draftEvses, type EvseDraft, definitionOf, sameDefinition, storedEvseDefinition } from '../evses/evse.model.js';
import { isReservedStationId, templateEvseId } from '../evses/rules/evse-identity.js';
import { HardwareTemplateService } from '../hardware-templates/hardware-template.service.js';
import type { Location } from '../locations/location.entity.js';
import { LocationRepository } from '../locations/location.repository.js';
import type { ChargeStation } from './charge-station.entity.js';
import { reportedFields, type StationFields, stationFieldsAfterPatch, stationFieldsFromWrite, stationFieldsOf, toChargeStationDto } from './charge-station.mapper.js';
import { ChargeStationRepository } from './charge-station.repository.js';
import type { StationAggregate } from './charge-station.types.js';
import type { ChargeStationDto } from './dto/charge-station.dto.js';
import type { ChargeStationListQueryDto } from './dto/charge-station-query.dto.js';
import type { ChargeStationPatchDto, ChargeStationWriteDto } from './dto/charge-station-write.dto.js';
import { StationReadModel } from './read-model/station-read-model.js';
import { SETTINGS, type Settings } from '../settings/settings.js';


/** What a write wants the station to become; `drafts` undefined keeps the EVSE set as it is. */
export interface StationChange {
  fields: StationFields;
  drafts: EvseDraft[] | undefined;
}

@Injectable()
export class ChargeStationService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly stations: ChargeStationRepository,
    private readonly readModel: StationReadModel,
    private readonly locations: LocationRepository,
    private readonly templates: HardwareTemplateService,
    private readonly tokens: ApiTokenRepository,
  ) {}

  async list(principal: Principal, query: ChargeStationListQueryDto): Promise<SerialisedPage> {
    let cpoPks = principalCpoPks(principal);
    if (query.cpoId !== undefined) {
      const cpo = principalCpo(principal, query.cpoId);
      cpoPks = cpo ? [cpo.pk] : [];
    }
    return this.readModel.page(
      { cpoPks, locationId: query.location_id, deployState: query.deploy_state, byModified: query.exclude_evses_modified },
      query,
    );
  }

  /**
   * GET one station in one statement: the token is checked inside the read (AuthorizedInRead), the
   * answer is the station's stored document with its live parts filled in, as a list page sends it.
   * When nothing is found the token is resolved on its own: 401 if it is not a live token, else 404.
   */
  async getForToken(tokenHashes: string[], id: string): Promise<SerialisedData<ChargeStationDto>> {
    const found = await this.readModel.answerForToken(tokenHashes, id);
    if (found) return found;
    if (!(await this.tokens.resolveHashes(tokenHashes))) throw invalidToken();
    throw ApiError.notFound(`Charge station ${id} not found`);
  }

  /** The whole station of this id if the token may see it (one statement); otherwise 404. */
  async loadVisible(principal: Principal, id: string): Promise<StationAggregate> {
    const aggregate = await this.stations.visible(principalCpoPks(principal), id);
    if (!aggregate) throw ApiError.notFound(`Charge station ${id} not found`);
    return aggregate;
  }

  async create(principal: Principal, body: ChargeStationWriteDto): Promise<ChargeStationDto> {
    this.checkNewStation(body);
    const location = await this.visibleLocation(principal, body.location_id);
    const cpo = principal.cpos.find((c) => c.pk === location.cpoPk)!;
    if (await this.stations.existsById(body.charge_station_id)) {
      throw ApiError.conflict(`A charge station with id ${body.charge_station_id} already exists`);
    }
    this.checkReported(body, reportedFields(undefined, this.settings));
    const { bodies, path } = await this.evseBodies(body, cpo, []);
    const drafts = await this.drafts(bodies, cpo, body.charge_station_id, [], undefined, path);
    return this.insert(cpo, body.charge_station_id, { fields: { ...stationFieldsFromWrite(body), locationId: location.id }, drafts });
  }

  /**
   * PUT: creates when absent (201); otherwise replaces the station and its EVSE set, guarded by the etag.
   * With `If-Match: *` there is no etag to check, but the new EVSE set is still worked out against the
   * version just read: written over a newer one it would leave that version's EVSEs next to the ones
   * sent. So it is written only on the version read and, when a concurrent write got in first, worked
   * out again from a fresh read (412 only after UNGUARDED_WRITE_ATTEMPTS lost races in a row).
   */
  async put(principal: Principal, id: string, body: ChargeStationWriteDto, requested: string | undefined): Promise<Answer<ChargeStationDto>> {
    if (body.charge_station_id.toLowerCase() !== id.toLowerCase()) {
      throw ApiError.field('charge_station_id', 'charge_station_id in the body must equal the id in the path');
    }
    for (let attempt = 1; ; attempt++) {
      const current = await this.stations.byId(id);
      if (!current) {
        try {
          return new Answer(await this.create(principal, body), { created: true });
        } catch (error) {
          // Another PUT (or POST) created this station between our read and our insert: this PUT
          // then replaces it, like any PUT on an existing station (etag rules included).
          const createdMeanwhile = error instanceof ApiError ? error.httpStatus === HttpStatus.CONFLICT : isDuplicateKey(error);
          if (createdMeanwhile && attempt < UNGUARDED_WRITE_ATTEMPTS && (await this.stations.byId(id))) continue;
          throw error;
        }
      }
      const existing = current.station;
      if (!principalCpoPks(principal).includes(existing.cpoPk)) {
        throw ApiError.conflict(`A charge station with id ${id} already exists`);
      }
      const guard = checkEtag(requested, existing.etag, true);
      const keepTemplate = this.keepsTemplate(body, existing);
      this.checkEvsesXorTemplate(body, keepTemplate);
      const { cpo, locationId } = await this.checkLocationChange(principal, existing, body.location_id);
      this.checkReported(body, reportedFields(current.config, this.settings));
      const { bodies, path } = await this.evseBodies(body, cpo, current.evses, keepTemplate);
      const drafts = await this.drafts(bodies, cpo, existing.chargeStationId, current.evses, existing.pk, path);
      const change = { fields: { ...stationFieldsFromWrite(body), locationId }, drafts };
      try {
        return new Answer(await this.apply(current, change, guard ?? existing.etag));
      } catch (error) {
        const lostRace = guard === undefined && error instanceof ApiError && error.httpStatus === HttpStatus.PRECONDITION_FAILED;
        if (!lostRace || attempt >= UNGUARDED_WRITE_ATTEMPTS) throw error;
      }
    }
  }

  /** PATCH: the station's own fields only. Honours an etag when sent; without one never loses a concurrent write. */
  async patch(principal: Principal, id: string, body: ChargeStationPatchDto, requested: string | undefined): Promise<ChargeStationDto> {
    const current = await this.loadVisible(principal, id);
    const { station } = current;
    if (body.charge_station_id !== undefined && body.charge_station_id.toLowerCase() !== station.chargeStationId.toLowerCase()) {
      throw ApiError.field('charge_station_id', 'charge_station_id cannot change');
    }
    const guard = checkEtag(requested, station.etag, false);
    const fields = stationFieldsAfterPatch(stationFieldsOf(station), body);
    if (body.location_id !== undefined) fields.locationId = (await this.checkLocationChange(principal, station, body.location_id)).locationId;
    this.checkReported(body, reportedFields(current.config, this.settings));
    return this.apply(current, { fields, drafts: undefined }, guard);
  }

  /**
   * Turns EVSE bodies into drafts for this station and checks them against the CPO's other EVSEs:
   * 400 naming the field for any rule broken.
   */
  async drafts(
    bodies: EvseWriteDto[],
    cpo: Cpo,
    chargeStationId: string,
    existing: StationAggregate['evses'],
    stationPk: number | undefined,
    path: (index: number) => string,
  ): Promise<EvseDraft[]> {
    const identity = { countryCode: cpo.countryCode, partyId: cpo.partyId, chargeStationId };
    const { drafts, problems } = draftEvses(bodies, identity, existing, path);
    // Only what this station does not hold already can clash with another station: uids are unique
    // per CPO, and a live evse_id here is live nowhere else (both are unique indexes).
    const ownUids = new Set(existing.map((e) => e.evse.uid.toLowerCase()));
    const ownEvseIds = new Set(existing.filter((e) => e.evse.status !== 'REMOVED' && e.evse.evseId).map((e) => e.evse.evseId!.toUpperCase()));
    const foreign = await this.stations.foreignEvses(
      cpo.pk,
      stationPk,
      drafts.map((d) => d.uid).filter((uid) => !ownUids.has(uid.toLowerCase())),
      drafts.map((d) => d.evse_id).filter((id): id is string => !!id && !ownEvseIds.has(id.toUpperCase())),
    );
    drafts.forEach((draft, index) => {
      if (foreign.uids.has(draft.uid.toLowerCase())) {
        problems.push({ field: `${path(index)}.uid`, message: `uid ${draft.uid} belongs to an EVSE of another station` });
      }
      if (draft.evse_id && foreign.evseIds.has(draft.evse_id.toUpperCase())) {
        problems.push({ field: `${path(index)}.evse_id`, message: `evse_id ${draft.evse_id} is in use by another EVSE of this CPO` });
      }
    });
    throwProblems(problems);
    return drafts;
  }

  /**
   * Writes a change to an existing station (ChargeStationRepository.update): only the columns that
   * change, a new etag, conditional on `guardEtag` when given (412 when another write got in), and
   * the EVSE set when it changes. A change that changes nothing writes nothing.
   */
  async apply(current: StationAggregate, change: StationChange, guardEtag: string | undefined): Promise<ChargeStationDto> {
    const { station } = current;
    const changedOwn = changedColumns(stationFieldsOf(station), change.fields);
    const ownChanged = Object.keys(changedOwn).length > 0;
    const liveEvses = current.evses.filter((e) => e.evse.status !== 'REMOVED');
    const evsesChanged =
      change.drafts !== undefined &&
      !(
        change.drafts.length === liveEvses.length &&
        change.drafts.every((draft) => {
          const stored = liveEvses.find((e) => e.evse.uid.toLowerCase() === draft.uid.toLowerCase());
          return stored !== undefined && sameDefinition(storedEvseDefinition(stored), definitionOf(draft));
        })
      );
    if (!ownChanged && !evsesChanged) return this.view(current);
    const now = Date.now();
    const values = {
      ...changedOwn,
      etag: newEtag(),
      lastUpdated: now,
      ...(ownChanged ? { modified: now } : {}),
    };
    return (await this.stations.update(current, values, guardEtag, evsesChanged ? change.drafts : undefined, now)).answer;
  }

  /** A station as answered, from what was read of it. */
  view(aggregate: StationAggregate): ChargeStationDto {
    return toChargeStationDto(aggregate, this.settings);
  }

  private async insert(cpo: Cpo, chargeStationId: string, change: StationChange): Promise<ChargeStationDto> {
    const now = Date.now();
    const station = { ...change.fields, chargeStationId, cpoPk: cpo.pk, etag: newEtag(), created: now, modified: now, lastUpdated: now };
    return (await this.stations.insert(station, change.drafts ?? [], now)).answer;
  }

  private checkNewStation(body: ChargeStationWriteDto): void {
    if (isReservedStationId(body.charge_station_id)) {
      throw ApiError.field('charge_station_id', 'ChargestationTemplate is reserved and cannot be a charge station id');
    }
    this.checkEvsesXorTemplate(body);
  }

  /**
   * A GET body of a station built from a template carries both `evses` and its
   * `charge_station_template_id`. Sent back unchanged (GET → edit → PUT), the EVSEs as sent are
   * the station's and the template id stays as where they came from; only a different template id
   * asks for a rebuild (and then `evses` must be left out).
   */
  private keepsTemplate(body: ChargeStationWriteDto, existing: ChargeStation): boolean {
    return (
      body.evses !== undefined &&
      !!body.charge_station_template_id &&
      existing.chargeStationTemplateId?.toLowerCase() === body.charge_station_template_id.toLowerCase()
    );
  }

  private checkEvsesXorTemplate(body: ChargeStationWriteDto, keepTemplate = false): void {
    const hasTemplate = body.charge_station_template_id !== undefined && body.charge_station_template_id !== null;
    if (hasTemplate && !keepTemplate && body.evses !== undefined) {
      throw ApiError.field('charge_station_template_id', 'send either evses or charge_station_template_id, not both');
    }
    if (!hasTemplate && body.evses === undefined) {
      throw ApiError.field('evses', 'evses is required unless charge_station_template_id is given');
    }
  }

  /**
   * The EVSE bodies a write asks for, with the field path of each.
   * - `evses` as sent, less those marked REMOVED that are not live here: a GET body carries the
   *   station's REMOVED EVSEs, and sending it back must leave them as they are.
   * - Or built from the template's current content (SPEC §6). EVSEs built from a template keep the
   *   uid, `directions` and `parking_restrictions` of the live EVSE with the same sequence number.
   */
  private async evseBodies(
    body: ChargeStationWriteDto,
    cpo: Cpo,
    existing: StationAggregate['evses'],
    keepTemplate = false,
  ): Promise<{ bodies: EvseWriteDto[]; path: (index: number) => string }> {
    if (!body.charge_station_template_id || keepTemplate) {
      const live = new Set(existing.filter((e) => e.evse.status !== 'REMOVED').map((e) => e.evse.uid.toLowerCase()));
      const kept = body.evses!.map((evse, index) => ({ evse, index })).filter(
        ({ evse }) => evse.status !== 'REMOVED' || (evse.uid !== undefined && live.has(evse.uid.toLowerCase())),
      );
      return { bodies: kept.map((k) => k.evse), path: (i) => `evses[${kept[i].index}]` };
    }
    const template = await this.templates.forStation(cpo.pk, body.charge_station_template_id);
    const live = existing.filter((e) => e.evse.status !== 'REMOVED');
    const bodies = template.evseTemplates.map((t) => {
      const keep = live.find((e) => e.evse.evseSequenceNumber === t.evse_sequence_number)?.evse;
      return {
        uid: keep?.uid,
        evse_id: templateEvseId(cpo.countryCode, cpo.partyId, body.charge_station_id, t.evse_sequence_number),
        evse_sequence_number: t.evse_sequence_number,
        capabilities: t.capabilities,
        directions: keep?.directions ?? null,
        parking_restrictions: keep?.parkingRestrictions ?? null,
        connectors: t.connector_templates.map((c) => ({
          id: String(c.id),
          standard: c.standard,
          format: c.format,
          power_type: c.power_type,
          voltage: c.voltage,
          amperage: c.amperage,
          max_electric_power: c.max_electric_power,
        })),
      } as EvseWriteDto;
    });
    return { bodies, path: (i) => `charge_station_template_id (evse_sequence_number ${bodies[i].evse_sequence_number})` };
  }

  private async visibleLocation(principal: Principal, locationId: string): Promise<Pick<Location, 'id' | 'cpoPk'>> {
    const location = await this.locations.findVisibleKey(principalCpoPks(principal), locationId);
    if (!location) throw ApiError.notFound(`Location ${locationId} not found`, StatusCode.UNKNOWN_LOCATION, 'location_id');
    return location;
  }

  /**
   * A station may move to another location of its own CPO only. Returns the station's CPO and the
   * location id as the location spells it.
   */
  private async checkLocationChange(principal: Principal, station: ChargeStation, locationId: string): Promise<{ cpo: Cpo; locationId: string }> {
    const cpo = principal.cpos.find((c) => c.pk === station.cpoPk)!;
    if (locationId.toLowerCase() === station.locationId.toLowerCase()) return { cpo, locationId: station.locationId };
    const location = await this.visibleLocation(principal, locationId);
    if (location.cpoPk !== station.cpoPk) {
      throw ApiError.field('location_id', 'a station cannot move to a location of another CPO');
    }
    return { cpo, locationId: location.id };
  }

  /** Charger-reported fields may be sent only with their current value (SPEC §4). */
  private checkReported(body: Partial<ChargeStationWriteDto>, current: Record<string, unknown>): void {
    const problems: FieldError[] = [];
    for (const [field, value] of Object.entries(current)) {
      const sent = body[field as keyof ChargeStationWriteDto];
      if (sent !== undefined && JSON.stringify(sent) !== JSON.stringify(value)) {
        problems.push({ field, message: `${field} is read-only: it is reported by the charger (current value ${JSON.stringify(value)})` });
      }
    }
    throwProblems(problems);
  }
}

/** 400 listing every problem; a path prefix of '' (the EVSE endpoints) leaves no leading dot. */
export function throwProblems(problems: FieldError[]): void {
  if (!problems.length) return;
  const fields = problems.map((p) => ({ ...p, field: p.field?.replace(/^\./, '') }));
  throw ApiError.badRequest(`Invalid ${fields[0].field}: ${fields[0].message}`, fields);
}
