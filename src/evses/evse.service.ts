import { Inject, Injectable } from '@nestjs/common';
import { evseViews, offlineStatusOverride } from '../charge-stations/charge-station.mapper.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import type { Principal } from '../auth/principal.js';
import { ChargeStationService } from '../charge-stations/charge-station.service.js';
import { stationFieldsOf } from '../charge-stations/charge-station.mapper.js';
import { ChargeStationRepository } from '../charge-stations/charge-station.repository.js';
import type { StationAggregate } from '../charge-stations/charge-station.types.js';
import { ApiError } from '../common/api-error.js';
import { Answer } from '../common/envelope.js';
import { checkEtag, writeOnVersionRead } from '../common/etag.js';
import type { ConnectorDto, ConnectorPatchDto } from './dto/connector.dto.js';
import type { EvseDto, EvsePatchDto, EvseWriteDto } from './dto/evse.dto.js';
import { storedEvseDefinition, type StoredEvse, toConnectorDto, toEvseDto, writeBodyOf } from './evse.model.js';

/** An EVSE answer with the station etag it leaves (the `ETag` of the EVSE endpoints), and whether a PUT created it. */
type EvseResult = Answer<EvseDto>;

/**
 * The EVSE and connector endpoints (SPEC §5). A definition change is a change of the station (its
 * etag and last_updated move, via the same write path as a station PUT); a status change is not.
 */
@Injectable()
export class EvseService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly stations: ChargeStationService,
    private readonly repository: ChargeStationRepository,
  ) {}

  async list(principal: Principal, stationId: string): Promise<Answer<EvseDto[]>> {
    const current = await this.load(principal, stationId);
    return new Answer(evseViews(current, this.settings), { etag: current.station.etag });
  }

  async get(principal: Principal, stationId: string, uid: string): Promise<EvseResult> {
    const current = await this.load(principal, stationId);
    return new Answer(this.view(current, uid), { etag: current.station.etag });
  }

  /** One EVSE as answered: its live status reads UNKNOWN while its charger is offline. */
  private view(current: StationAggregate, uid: string): EvseDto {
    return toEvseDto(this.find(current, uid), offlineStatusOverride(current.config, this.settings));
  }

  /** Upsert one EVSE; needs the station's etag. */
  async put(principal: Principal, stationId: string, uid: string, body: EvseWriteDto, requested: string | undefined): Promise<EvseResult> {
    if (body.uid !== undefined && body.uid.toLowerCase() !== uid.toLowerCase()) {
      throw ApiError.field('uid', 'uid in the body must equal the uid in the path');
    }
    return this.onVersionRead(principal, stationId, requested, true, (current, guard) => {
      const existing = current.evses.find((e) => e.evse.uid.toLowerCase() === uid.toLowerCase());
      const created = !existing || existing.evse.status === 'REMOVED';
      return this.replaceEvse(principal, current, uid, { ...body, uid: existing?.evse.uid ?? uid }, guard, created);
    });
  }

  /** Partial EVSE change: definition fields go through the station write path, `status` is a live update. */
  async patch(principal: Principal, stationId: string, uid: string, body: EvsePatchDto, requested: string | undefined): Promise<EvseResult> {
    if (body.uid !== undefined && body.uid.toLowerCase() !== uid.toLowerCase()) throw ApiError.field('uid', 'uid cannot change');
    const { status, last_updated: _ignored, ...definition } = body;
    return this.onVersionRead(principal, stationId, requested, false, async (current, guard) => {
      const stored = this.find(current, uid);
      if (status === 'REMOVED') return this.remove(principal, current, stored, guard);
      if (stored.evse.status === 'REMOVED') {
        throw ApiError.field('status', 'this EVSE is REMOVED; PUT it to bring it back');
      }
      let result: EvseResult = new Answer(this.view(current, stored.evse.uid), { etag: current.station.etag });
      if (Object.keys(definition).length) {
        const merged = { ...writeBodyOf(storedEvseDefinition(stored)), ...definition, uid: stored.evse.uid } as EvseWriteDto;
        result = await this.replaceEvse(principal, current, stored.evse.uid, merged, guard, false);
      }
      if (status !== undefined) result = await this.setStatus(principal, stationId, current, stored, status);
      return result;
    });
  }

  async getConnector(principal: Principal, stationId: string, uid: string, connectorId: string): Promise<Answer<ConnectorDto>> {
    const current = await this.load(principal, stationId);
    const stored = this.find(current, uid);
    return new Answer(toConnectorDto(this.findConnector(stored, connectorId)), { etag: current.station.etag });
  }

  async patchConnector(
    principal: Principal,
    stationId: string,
    uid: string,
    connectorId: string,
    body: ConnectorPatchDto,
    requested: string | undefined,
  ): Promise<Answer<ConnectorDto>> {
    const { last_updated: _l, connector_type: _t, ...changes } = body;
    return this.onVersionRead(principal, stationId, requested, false, async (current, guard) => {
      const stored = this.find(current, uid);
      const target = this.findConnector(stored, connectorId);
      const evseBody = writeBodyOf(storedEvseDefinition(stored));
      evseBody.connectors = evseBody.connectors.map((c) => (c.id === target.connectorId ? { ...c, ...changes, id: c.id } : c));
      const index = evseBody.connectors.findIndex((c) => c.id === target.connectorId);
      const result = await this.replaceEvse(principal, current, stored.evse.uid, evseBody, guard, false).catch((error: unknown) => {
        throw relativeToConnector(error, index);
      });
      const connector = result.body.connectors.find((c) => c.id === target.connectorId)!;
      return new Answer(connector, { etag: result.etag });
    });
  }

  /**
   * An EVSE or connector write on a fresh read of its station. It rewrites whole EVSE definitions
   * worked out from that read, so it is written only on the version read, also when the client sent
   * no etag: a concurrent write of the same EVSE would otherwise be undone (see writeOnVersionRead).
   */
  private onVersionRead<T>(
    principal: Principal,
    stationId: string,
    requested: string | undefined,
    etagRequired: boolean,
    write: (current: StationAggregate, guard: string) => Promise<T>,
  ): Promise<T> {
    return writeOnVersionRead(
      () => this.load(principal, stationId),
      (current) => ({ requested: checkEtag(requested, current.station.etag, etagRequired), read: current.station.etag }),
      write,
    );
  }

  private async load(principal: Principal, stationId: string): Promise<StationAggregate> {
    return this.stations.loadVisible(principal, stationId);
  }

  private find(current: StationAggregate, uid: string): StoredEvse {
    const stored = current.evses.find((e) => e.evse.uid.toLowerCase() === uid.toLowerCase());
    if (!stored) throw ApiError.notFound(`EVSE ${uid} not found at charge station ${current.station.chargeStationId}`);
    return stored;
  }

  private findConnector(stored: StoredEvse, connectorId: string) {
    const connector = stored.connectors.find((c) => c.connectorId === connectorId);
    if (!connector) throw ApiError.notFound(`Connector ${connectorId} not found on EVSE ${stored.evse.uid}`);
    return connector;
  }

  /** The station's live EVSE set with this one replaced (or added), written like a station PUT. */
  private async replaceEvse(
    principal: Principal,
    current: StationAggregate,
    uid: string,
    body: EvseWriteDto,
    guardEtag: string | undefined,
    created: boolean,
  ): Promise<EvseResult> {
    const live = current.evses.filter((e) => e.evse.status !== 'REMOVED' && e.evse.uid.toLowerCase() !== uid.toLowerCase());
    const bodies = [...live.map((e) => writeBodyOf(storedEvseDefinition(e))), body];
    const target = bodies.length - 1;
    const cpo = principal.cpos.find((c) => c.pk === current.station.cpoPk)!;
    const drafts = await this.stations.drafts(bodies, cpo, current.station.chargeStationId, current.evses, current.station.pk, (i) =>
      i === target ? '' : `(station) evses[${i}]`,
    );
    const station = await this.stations.apply(current, { fields: stationFieldsOf(current.station), drafts }, guardEtag);
    const evse = station.evses.find((e) => e.uid.toLowerCase() === uid.toLowerCase())!;
    return new Answer(evse, { etag: station.etag, created });
  }

  private async remove(principal: Principal, current: StationAggregate, stored: StoredEvse, guardEtag: string | undefined): Promise<EvseResult> {
    const live = current.evses.filter((e) => e.evse.status !== 'REMOVED' && e.evse.pk !== stored.evse.pk);
    const cpo = principal.cpos.find((c) => c.pk === current.station.cpoPk)!;
    const drafts = await this.stations.drafts(
      live.map((e) => writeBodyOf(storedEvseDefinition(e))),
      cpo,
      current.station.chargeStationId,
      current.evses,
      current.station.pk,
      (i) => `(station) evses[${i}]`,
    );
    const station = await this.stations.apply(current, { fields: stationFieldsOf(current.station), drafts }, guardEtag);
    const evse = station.evses.find((e) => e.uid === stored.evse.uid)!;
    return new Answer(evse, { etag: station.etag });
  }

  /** A live status change: the EVSE's own last_updated moves, the station's etag and last_updated do not. */
  private async setStatus(principal: Principal, stationId: string, read: StationAggregate, stored: StoredEvse, status: EvseDto['status']): Promise<EvseResult> {
    await this.repository.setEvseStatus(read.station, stored.evse, status, Date.now());
    const current = await this.load(principal, stationId);
    return new Answer(this.view(current, stored.evse.uid), { etag: current.station.etag });
  }
}

/** Field paths of a connector PATCH name the connector's own fields (`format`, not `connectors[0].format`). */
function relativeToConnector(error: unknown, index: number): unknown {
  if (!(error instanceof ApiError) || error.errors.length === 0) return error;
  const prefix = `connectors[${index}].`;
  const errors = error.errors.map((e) => (e.field?.startsWith(prefix) ? { ...e, field: e.field.slice(prefix.length) } : e));
  return new ApiError(error.httpStatus, error.statusCode, `Invalid ${errors[0].field}: ${errors[0].message}`, errors, error.headers);
}
