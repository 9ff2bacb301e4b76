import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Not } from 'typeorm';
import { Connector } from '../evses/connector.entity.js';
import { Evse } from '../evses/evse.entity.js';
import {
  connectorColumns,
  definitionOf,
  type EvseDraft,
  evseColumns,
  sameDefinition,
  storedConnectorDefinition,
  storedEvseDefinition,
  type StoredEvse,
} from '../evses/evse.model.js';
import { JsonBuilder } from '../common/json-builder.js';
import type { Settings } from '../settings/settings.js';
import { inTransaction } from '../database/transactions.js';
import { ChargeStation } from './charge-station.entity.js';
import { toChargeStationDto } from './charge-station.mapper.js';
import { fillDocument, storeDocuments } from './station-document.js';
import { type DocumentRow, loadDocumentForToken, loadPageByPk, loadStations, loadStationsByPk, placeholders, type StationAggregate } from './station-query.js';

export type { StationAggregate } from './station-query.js';

/** What a station's filled holes add to its document, about (a builder's first size; it grows as needed). */
const ANSWER_ROOM = 640;

/**
 * Reads and writes whole stations: the station row, its EVSEs and connectors, its configuration.
 * Reading any number of stations is one statement (see loadStations), never one per EVSE.
 */
@Injectable()
export class StationStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The station with this OCPP identity if it belongs to one of these CPOs. */
  async visible(cpoPks: number[], chargeStationId: string): Promise<StationAggregate | undefined> {
    if (cpoPks.length === 0) return undefined;
    const [aggregate] = await loadStations(
      this.dataSource.manager,
      `s.charge_station_id = ? AND s.cpo_pk IN (${placeholders(cpoPks.length)})`,
      [chargeStationId, ...cpoPks],
    );
    return aggregate;
  }

  /** The station with this OCPP identity, whichever CPO holds it (for PUT: 409 on another CPO's id). */
  async byId(chargeStationId: string): Promise<StationAggregate | undefined> {
    const [aggregate] = await loadStations(this.dataSource.manager, 's.charge_station_id = ?', [chargeStationId]);
    return aggregate;
  }

  /**
   * The answer of the station with this OCPP identity, if it belongs to a CPO of the live token with
   * one of these hashes: one statement (see loadDocumentForToken), then as appendAnswers. `etag` is
   * the one of the version answered.
   */
  async answerForToken(tokenHashes: string[], chargeStationId: string, settings: Settings): Promise<{ json: JsonBuilder; etag: string } | undefined> {
    if (tokenHashes.length === 0) return undefined;
    const row = await loadDocumentForToken(this.dataSource.manager, tokenHashes, chargeStationId);
    if (!row) return undefined;
    const json = new JsonBuilder((row.document?.length ?? 0) + ANSWER_ROOM);
    const readWhole = await this.appendAnswers([row], settings, json);
    return { json, etag: readWhole.get(row.pk)?.station.etag ?? row.etag };
  }

  /** These stations (only `pk` is read), whole, in the order given: three statements for any number. */
  async aggregates(stations: Pick<ChargeStation, 'pk'>[]): Promise<StationAggregate[]> {
    const loaded = await loadStationsByPk(this.dataSource.manager, stations.map((s) => s.pk));
    const byPk = new Map(loaded.map((a) => [a.station.pk, a]));
    return stations.flatMap((s) => byPk.get(s.pk) ?? []);
  }

  /**
   * These stations' answers as one JSON array (UTF-8), in the order given: one statement
   * for any number (see loadPageByPk), then as appendAnswers.
   */
  async pageJson(stations: Pick<ChargeStation, 'pk'>[], settings: Settings): Promise<JsonBuilder> {
    const rows = await loadPageByPk(this.dataSource.manager, stations.map((s) => s.pk));
    const byPk = new Map(rows.map((row) => [row.pk, row]));
    let size = 2;
    for (const row of rows) size += (row.document?.length ?? 0) + ANSWER_ROOM;
    const json = new JsonBuilder(size);
    json.ascii('[');
    await this.appendAnswers(stations.flatMap((s) => byPk.get(s.pk) ?? []), settings, json);
    json.ascii(']');
    return json;
  }

  /**
   * Appends these stations' answers to `json`, comma-separated: each stored document with its live
   * parts filled in (see station-document.ts). Stations without a usable document (none for their
   * current etag: written before documents existed, or by a write that stopped half-way; or not
   * matching their EVSEs) are read whole and their documents stored (rebuildDocuments). Returns
   * those read whole, by pk.
   */
  private async appendAnswers(rows: DocumentRow[], settings: Settings, json: JsonBuilder): Promise<Map<number, StationAggregate>> {
    const now = Date.now();
    /** Stations to read whole: the placeholder their JSON goes into. */
    const rebuild = new Map<number, number>();
    rows.forEach((row, i) => {
      if (i > 0) json.ascii(',');
      if (row.document === null || !fillDocument(row.document, row, settings, now, json)) rebuild.set(row.pk, json.placeholder());
    });
    if (rebuild.size === 0) return new Map();
    const readWhole = new Map((await this.rebuildDocuments([...rebuild.keys()])).map((a) => [a.station.pk, a]));
    for (const [pk, index] of rebuild) {
      const aggregate = readWhole.get(pk);
      if (!aggregate) throw new Error(`charge station ${pk} vanished`); // stations are never deleted
      json.fill(index, JSON.stringify(toChargeStationDto(aggregate, settings)));
    }
    return readWhole;
  }

  /**
   * Reads these stations whole and stores their documents, in one transaction: its reads see one
   * snapshot (MariaDB) or run between writes (SQLite's queue), so each document is exactly its
   * station at the etag it is stored with. Returns the stations read.
   */
  rebuildDocuments(pks: number[]): Promise<StationAggregate[]> {
    return inTransaction(this.dataSource, (manager) => storeDocuments(manager, pks));
  }

  /** The stations (with EVSEs and connectors) at these locations, by lower-cased location id. */
  async atLocations(locationIds: string[]): Promise<Map<string, StationAggregate[]>> {
    const result = new Map<string, StationAggregate[]>(locationIds.map((id) => [id.toLowerCase(), []]));
    if (locationIds.length === 0) return result;
    const stations = await this.dataSource.manager.find(ChargeStation, {
      select: { pk: true, chargeStationId: true },
      where: { locationId: In(locationIds) },
      order: { chargeStationId: 'ASC' },
    });
    for (const aggregate of await this.aggregates(stations)) {
      result.get(aggregate.station.locationId.toLowerCase())?.push(aggregate);
    }
    return result;
  }

  /** One station, whole, in one statement (inside the transaction of `manager` when given). */
  async aggregate(station: Pick<ChargeStation, 'pk'>, manager: EntityManager = this.dataSource.manager): Promise<StationAggregate> {
    const [aggregate] = await loadStations(manager, 's.pk = ?', [station.pk]);
    if (!aggregate) throw new Error(`charge station ${station.pk} vanished`);
    return aggregate;
  }

  /**
   * EVSEs of other stations of the CPO that already use one of these uids, or (while not REMOVED)
   * one of these evse_ids.
   */
  async foreignEvses(cpoPk: number, stationPk: number | undefined, uids: string[], evseIds: string[]): Promise<{ uids: Set<string>; evseIds: Set<string> }> {
    const others = stationPk === undefined ? {} : { stationPk: Not(stationPk) };
    const [byUid, byEvseId] = await Promise.all([
      uids.length ? this.dataSource.manager.find(Evse, { where: { cpoPk, uid: In(uids), ...others }, select: { uid: true } }) : [],
      // active_evse_id is evse_id while the EVSE is not REMOVED: its unique index answers this
      // with a range read instead of a scan of every EVSE of the CPO.
      evseIds.length
        ? this.dataSource.manager
            .createQueryBuilder(Evse, 'e')
            .select('e.evse_id', 'evseId')
            .where('e.cpo_pk = :cpoPk AND e.active_evse_id IN (:...evseIds)', { cpoPk, evseIds })
            .andWhere(stationPk === undefined ? '1 = 1' : 'e.station_pk <> :stationPk', { stationPk })
            .getRawMany<{ evseId: string }>()
        : [],
    ]);
    return {
      uids: new Set(byUid.map((e) => e.uid.toLowerCase())),
      evseIds: new Set(byEvseId.map((e) => e.evseId!.toUpperCase())),
    };
  }

  /**
   * Makes the station's EVSE set equal to `drafts` (matched by uid): new EVSEs are inserted,
   * changed definitions updated, EVSEs no longer sent marked REMOVED. Live statuses of EVSEs that
   * stay are never touched. Only what changed gets a new `last_updated`.
   */
  async syncEvses(manager: EntityManager, station: ChargeStation, existing: StoredEvse[], drafts: EvseDraft[], now: number): Promise<void> {
    const byUid = new Map(existing.map((e) => [e.evse.uid.toLowerCase(), e]));
    const sent = new Set(drafts.map((d) => d.uid.toLowerCase()));
    const removed = existing.filter((e) => e.evse.status !== 'REMOVED' && !sent.has(e.evse.uid.toLowerCase())).map((e) => e.evse.pk);
    if (removed.length) await manager.update(Evse, { pk: In(removed) }, { status: 'REMOVED', lastUpdated: now });

    for (const draft of drafts) {
      const match = byUid.get(draft.uid.toLowerCase());
      if (!match) {
        const inserted = await manager.insert(Evse, {
          ...evseColumns(draft),
          stationPk: station.pk,
          cpoPk: station.cpoPk,
          status: draft.initialStatus,
          lastUpdated: now,
        });
        const evsePk = inserted.identifiers[0].pk as number;
        await manager.insert(
          Connector,
          draft.connectors.map((c) => ({ ...connectorColumns(c), evsePk, stationPk: station.pk, lastUpdated: now })),
        );
        continue;
      }
      const revived = match.evse.status === 'REMOVED';
      if (!revived && sameDefinition(storedEvseDefinition(match), definitionOf(draft))) continue;
      await manager.update(
        Evse,
        { pk: match.evse.pk },
        { ...evseColumns(draft), ...(revived ? { status: draft.initialStatus } : {}), lastUpdated: now },
      );
      await this.syncConnectors(manager, station, match, draft, now);
    }
  }

  private async syncConnectors(manager: EntityManager, station: ChargeStation, stored: StoredEvse, draft: EvseDraft, now: number): Promise<void> {
    const byId = new Map(stored.connectors.map((c) => [c.connectorId, c]));
    const keep = new Set(draft.connectors.map((c) => c.id));
    const gone = stored.connectors.filter((c) => !keep.has(c.connectorId)).map((c) => c.pk);
    if (gone.length) await manager.delete(Connector, { pk: In(gone) });
    const added = [];
    for (const definition of draft.connectors) {
      const current = byId.get(definition.id);
      if (!current) added.push({ ...connectorColumns(definition), evsePk: stored.evse.pk, stationPk: station.pk, lastUpdated: now });
      else if (!sameDefinition(storedConnectorDefinition(current), definition)) {
        await manager.update(Connector, { pk: current.pk }, { ...connectorColumns(definition), lastUpdated: now });
      }
    }
    if (added.length) await manager.insert(Connector, added);
  }
}
