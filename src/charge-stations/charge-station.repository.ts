import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Not } from 'typeorm';
import { bulkInsert } from '../database/bulk-insert.js';
import { updateIfEtagMatches } from '../database/conditional-update.js';
import { change, isSqlite, select } from '../database/prepared.js';
import { inTransaction } from '../database/transactions.js';
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
import type { EvseStatus } from './rules/station-status.js';
import { evseStatusFromConnectors, type OcppConnectorStatus } from '../ocpp/rules/status-mapping.js';
import { EventRepository } from '../events/event.repository.js';
import type { NewEvent } from '../events/event-types.js';
import { formatTimestamp } from '../common/time.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import { StationConfiguration } from '../station-config/station-configuration.entity.js';
import { toStationConfigurationDto } from '../station-config/station-configuration.mapper.js';
import { ChargeStation } from './charge-station.entity.js';
import { connectivity, toChargeStationDto } from './charge-station.mapper.js';
import type { ChargeStationDto } from './dto/charge-station.dto.js';
import { renderDocument, type StationDocument } from './read-model/station-document.js';
import { STATION_DOCUMENT_FORMAT } from './read-model/station-document-format.js';
import { loadStations, loadStationsByPk, placeholders, type StationAggregate } from './read-model/station-rows.js';

export type { StationAggregate } from './read-model/station-rows.js';

/** A station as a write left it: read whole in the write's transaction, and its answer. */
export interface WrittenStation {
  aggregate: StationAggregate;
  answer: ChargeStationDto;
}

/** A charger's StatusNotification for one connector (SPEC §8). */
export interface ConnectorStatusReport {
  connectorId: number;
  status: OcppConnectorStatus;
  errorCode: string;
  info: string | null;
}

/** The configuration columns a charger reports about itself (BootNotification, GetConfiguration). */
const REPORTED_COLUMNS = [
  'heartbeatInterval',
  'chargePointModel',
  'chargePointVendor',
  'chargePointSerialNumber',
  'chargeBoxSerialNumber',
  'firmwareVersion',
  'iccid',
  'imsi',
  'meterSerialNumber',
  'meterType',
  'configurationKeys',
] as const satisfies readonly (keyof StationConfiguration)[];

type Emit = (event: NewEvent) => void;

/**
 * Charge stations, whole: the only reader and writer of stations, their EVSEs and connectors, their
 * configuration rows and their stored documents (the read model's answers, written with every write
 * of the station, in its transaction), and so the one place their change events (SPEC §10) are
 * written, in the transaction of the change (EventRepository.transaction). Reading any number of
 * stations is one statement (loadStations), never one per EVSE.
 */
@Injectable()
export class ChargeStationRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly events: EventRepository,
  ) {}

  // ------------------------------------------------------------------ reads

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

  existsById(chargeStationId: string): Promise<boolean> {
    return this.dataSource.getRepository(ChargeStation).existsBy({ chargeStationId });
  }

  /** These stations (by pk), whole, in the order given: three statements for any number. */
  async aggregates(pks: number[]): Promise<StationAggregate[]> {
    const loaded = await loadStationsByPk(this.dataSource.manager, pks);
    const byPk = new Map(loaded.map((a) => [a.station.pk, a]));
    return pks.flatMap((pk) => byPk.get(pk) ?? []);
  }

  /** The stations (with EVSEs and connectors) at these locations, by lower-cased location id. */
  async atLocations(locationIds: string[]): Promise<Map<string, StationAggregate[]>> {
    const result = new Map<string, StationAggregate[]>(locationIds.map((id) => [id.toLowerCase(), []]));
    if (locationIds.length === 0) return result;
    const stations = await this.dataSource.manager.find(ChargeStation, {
      select: { pk: true },
      where: { locationId: In(locationIds) },
      order: { chargeStationId: 'ASC' },
    });
    for (const aggregate of await this.aggregates(stations.map((s) => s.pk))) {
      result.get(aggregate.station.locationId.toLowerCase())?.push(aggregate);
    }
    return result;
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

  // ------------------------------------------------------------------ writes of the API

  /**
   * A new station with its configuration row (Offline, not remote-manageable), its EVSEs and
   * connectors and its document, in one transaction.
   */
  insert(station: Partial<ChargeStation>, drafts: EvseDraft[], now: number): Promise<WrittenStation> {
    return this.events.transaction(async (manager, emit) => {
      const inserted = await manager.insert(ChargeStation, station);
      const stored = await manager.findOneByOrFail(ChargeStation, { pk: inserted.identifiers[0].pk as number });
      await manager.insert(StationConfiguration, { stationPk: stored.pk, remoteManageable: false, connectivityStatus: 'Offline' });
      await this.syncEvses(manager, stored, [], drafts, now);
      const written = await this.written(manager, stored.pk);
      emit({ type: 'charge_station.created', cpoPk: stored.cpoPk, data: written.answer, occurredAt: now });
      return written;
    });
  }

  /**
   * Writes a change to an existing station: the station row (the columns in `values`, a new etag
   * among them), conditional on `guardEtag` when given (412 when another write got in), then, when
   * `drafts` is given, the EVSE set; with the document and the `charge_station.updated` event, in
   * one transaction.
   *
   * When the etag guards a change of the station row alone, the station is now exactly what was
   * read plus what was written (nothing else writes a station row without moving its etag): it is
   * answered without reading it again. Otherwise it is read again inside the transaction: an
   * unguarded write merges with concurrent writes of other columns, and its answer (and etag) must
   * show them.
   */
  update(
    current: StationAggregate,
    values: Partial<ChargeStation> & { etag: string },
    guardEtag: string | undefined,
    drafts: EvseDraft[] | undefined,
    now: number,
  ): Promise<WrittenStation> {
    const { station } = current;
    return this.events.transaction(async (manager, emit) => {
      await updateIfEtagMatches(manager, ChargeStation, { pk: station.pk }, guardEtag, values);
      let written: WrittenStation;
      if (guardEtag !== undefined && drafts === undefined) {
        const aggregate = { ...current, station: Object.assign(new ChargeStation(), station, values) };
        const answer = toChargeStationDto(aggregate, this.settings);
        await this.saveDocuments(manager, [renderDocument(aggregate, answer)]);
        written = { aggregate, answer };
      } else {
        if (drafts !== undefined) await this.syncEvses(manager, station, current.evses, drafts, now);
        written = await this.written(manager, station.pk);
      }
      emit({ type: 'charge_station.updated', cpoPk: station.cpoPk, data: written.answer, occurredAt: now });
      return written;
    });
  }

  /**
   * A live status change of an EVSE (the EVSE PATCH): its own last_updated moves, the station's etag
   * does not; `evse.status_changed` when the stored status was another (a conditional UPDATE decides,
   * so two writers of the same status make one event).
   */
  async setEvseStatus(station: ChargeStation, evse: Evse, status: EvseStatus, now: number): Promise<void> {
    await this.events.transaction(async (manager, emit) => {
      const [row] = await manager.query(`SELECT status FROM evses WHERE pk = ?${this.forUpdate()}`, [evse.pk]);
      const previous = row?.status as EvseStatus | undefined;
      if (previous === undefined || previous === status) return;
      await manager.update(Evse, { pk: evse.pk }, { status, lastUpdated: now });
      emit(this.evseStatusChanged(station, evse, previous, status, now));
    });
  }

  /** Locks what a read-modify-write reads, on MySQL (SQLite's transactions run one at a time anyway). */
  private forUpdate(): string {
    return isSqlite(this.dataSource) ? '' : ' FOR UPDATE';
  }

  private evseStatusChanged(station: Pick<ChargeStation, 'cpoPk' | 'chargeStationId' | 'locationId'>, evse: Pick<Evse, 'uid' | 'evseId'>, previous: EvseStatus, status: EvseStatus, now: number): NewEvent {
    return {
      type: 'evse.status_changed',
      cpoPk: station.cpoPk,
      occurredAt: now,
      data: {
        charge_station_id: station.chargeStationId,
        location_id: station.locationId,
        uid: evse.uid,
        evse_id: evse.evseId,
        status,
        previous_status: previous,
        last_updated: formatTimestamp(now),
      },
    };
  }

  // ------------------------------------------------------------------ what chargers report (SPEC §8)

  /** A registered, non-Deprecated station with this OCPP identity (case-insensitive): its key and heartbeat interval. */
  async connectable(identity: string): Promise<{ pk: number; chargeStationId: string; heartbeatInterval: number | null } | undefined> {
    const station = await this.dataSource.manager.findOne(ChargeStation, {
      where: { chargeStationId: identity, deployState: Not('Deprecated') },
      select: { pk: true, chargeStationId: true },
    });
    if (!station) return undefined;
    const config = await this.dataSource.manager.findOne(StationConfiguration, {
      where: { stationPk: station.pk },
      select: { stationPk: true, heartbeatInterval: true },
    });
    return { pk: station.pk, chargeStationId: station.chargeStationId, heartbeatInterval: config?.heartbeatInterval ?? null };
  }

  /**
   * What a charger reported about itself (connection, boot, heartbeat, configuration keys): its
   * configuration row only, never the station's etag. In the same transaction, the events it causes:
   * `charge_station.connectivity_changed` when the station's connectivity as answered (SPEC §8:
   * Online while connected and heard from within 3 × the heartbeat interval) flips, and
   * `charge_station.configuration_reported` when reported values change.
   */
  updateConfiguration(stationPk: number, values: Partial<StationConfiguration>, now: number): Promise<void> {
    return this.events.transaction((manager, emit) => this.writeConfiguration(manager, emit, stationPk, values, now));
  }

  /**
   * A StatusNotification: the charger was seen; the connector keeps the OCPP status with its
   * errorCode and info; its EVSE's status becomes the mapped highest-priority status of the EVSE's
   * connectors, with a new EVSE `last_updated` and `evse.status_changed` when it changes. One
   * transaction. Returns false for a connector the station lacks (connectorId 0, the charger as a
   * whole, only marks it seen).
   */
  recordConnectorStatus(stationPk: number, report: ConnectorStatusReport, now: number): Promise<boolean> {
    return this.events.transaction(async (manager, emit) => {
      await this.writeConfiguration(manager, emit, stationPk, { connectivityStatus: 'Online', lastSeen: now }, now);
      if (report.connectorId === 0) return true;
      const connector = await manager
        .createQueryBuilder(Connector, 'c')
        .innerJoin(Evse, 'e', 'e.pk = c.evse_pk')
        .where('c.station_pk = :stationPk AND c.connector_id = :connectorId AND e.status <> :removed', {
          stationPk,
          connectorId: String(report.connectorId),
          removed: 'REMOVED',
        })
        .getOne();
      if (!connector) return false;
      const evse = await manager.findOne(Evse, {
        where: { pk: connector.evsePk },
        ...(isSqlite(this.dataSource) ? {} : { lock: { mode: 'pessimistic_write' as const } }),
      });
      await manager.update(
        Connector,
        { pk: connector.pk },
        { ocppStatus: report.status, ocppErrorCode: report.errorCode, ocppInfo: report.info, ocppStatusAt: now },
      );
      const siblings = await manager.find(Connector, { where: { evsePk: connector.evsePk }, select: { ocppStatus: true } });
      const statuses = siblings.map((c) => c.ocppStatus).filter((s): s is OcppConnectorStatus => s !== null);
      const evseStatus = evseStatusFromConnectors(statuses);
      if (evse && evse.status !== evseStatus) {
        await manager.update(Evse, { pk: evse.pk }, { status: evseStatus, lastUpdated: now });
        const station = await manager.findOneOrFail(ChargeStation, { where: { pk: stationPk }, select: { pk: true, cpoPk: true, chargeStationId: true, locationId: true } });
        emit(this.evseStatusChanged(station, evse, evse.status, evseStatus, now));
      }
      return true;
    });
  }

  /**
   * Stations whose charger went silent: stored Online, not heard from within 3 × their heartbeat
   * interval by `now`. Each is set Offline with its `charge_station.connectivity_changed` (dated
   * when it became due; see writeConfiguration), unless the charger spoke meanwhile. Returns how many.
   */
  async expireSilentChargers(now: number, limit: number): Promise<number> {
    const rows = await select(
      this.dataSource.manager,
      `SELECT station_pk FROM station_configurations
       WHERE connectivity_status = 'Online' AND last_seen < ? - 3000 * COALESCE(heartbeat_interval, ?)
       LIMIT ${Math.floor(limit)}`,
      [now, this.settings.defaultHeartbeatInterval],
    );
    for (const row of rows) {
      await this.events.transaction((manager, emit) => this.writeConfiguration(manager, emit, Number(row.station_pk), {}, now));
    }
    return rows.length;
  }

  private async lockedConfiguration(manager: EntityManager, stationPk: number): Promise<StationConfiguration | null> {
    return manager.findOne(StationConfiguration, {
      where: { stationPk },
      ...(isSqlite(this.dataSource) ? {} : { lock: { mode: 'pessimistic_write' as const } }),
    });
  }

  /**
   * Every station has its configuration row from creation on, so this is an update by key, after a
   * locked read of what changes. The stored `connectivity_status` is what was last announced: a
   * change of the connectivity as answered (SPEC §8) from it is a `charge_station.connectivity_changed`.
   * A charger announced Online but silent for 3 × its heartbeat interval is first announced Offline,
   * dated when that was due (whether the sweeper, a disconnect or a late message notices it), and
   * the connectivity after the write is stored as announced.
   */
  private async writeConfiguration(manager: EntityManager, emit: Emit, stationPk: number, values: Partial<StationConfiguration>, now: number): Promise<void> {
    const before = await this.lockedConfiguration(manager, stationPk);
    if (!before) throw new Error(`charge station ${stationPk} has no configuration row`);
    let announced = before.connectivityStatus;
    if (announced === 'Online' && connectivity(before, this.settings, now) === 'Offline') {
      const dueAt = (before.lastSeen ?? now) + 3000 * (before.heartbeatInterval ?? this.settings.defaultHeartbeatInterval);
      emit(await this.connectivityChanged(manager, stationPk, 'Offline', before.clientIpAddress, Math.min(dueAt, now)));
      announced = 'Offline';
    }
    const after = Object.assign(new StationConfiguration(), before, values);
    const state = connectivity(after, this.settings, now);
    if (state !== announced) emit(await this.connectivityChanged(manager, stationPk, state, after.clientIpAddress, now));
    await manager.update(StationConfiguration, { stationPk }, { ...values, connectivityStatus: state });
    const reported = REPORTED_COLUMNS.some((column) => column in values && JSON.stringify(before[column] ?? null) !== JSON.stringify(after[column] ?? null));
    if (reported) {
      const [aggregate] = await loadStations(manager, 's.pk = ?', [stationPk]);
      emit({ type: 'charge_station.configuration_reported', cpoPk: aggregate.station.cpoPk, occurredAt: now, data: toStationConfigurationDto(aggregate, this.settings) });
    }
  }

  private async connectivityChanged(manager: EntityManager, stationPk: number, status: 'Online' | 'Offline', clientIp: string | null, at: number): Promise<NewEvent> {
    const station = await manager.findOneOrFail(ChargeStation, { where: { pk: stationPk }, select: { pk: true, cpoPk: true, chargeStationId: true } });
    return {
      type: 'charge_station.connectivity_changed',
      cpoPk: station.cpoPk,
      occurredAt: at,
      data: { charge_station_id: station.chargeStationId, connectivity_status: status, client_ip_address: clientIp, changed_at: formatTimestamp(at) },
    };
  }

  // ------------------------------------------------------------------ documents

  /**
   * Reads these stations whole and stores their documents, in one transaction: its reads see one
   * snapshot (MariaDB) or run between writes (SQLite's queue), so each document is exactly its
   * station at the etag it is stored with. Returns the stations read.
   */
  rebuildDocuments(pks: number[]): Promise<StationAggregate[]> {
    return inTransaction(this.dataSource, (manager) => this.storeDocuments(manager, pks));
  }

  /** Reads these stations whole with `manager` (a transaction's) and stores their documents. */
  private async storeDocuments(manager: EntityManager, pks: number[]): Promise<StationAggregate[]> {
    const aggregates = await loadStationsByPk(manager, [...pks].sort((a, b) => a - b));
    await this.saveDocuments(manager, aggregates.map((a) => renderDocument(a)));
    return aggregates;
  }

  /**
   * Stores documents (replacing older ones of the same stations), in the code's format: inside the
   * transaction of `manager` when it has one, else as statements of their own.
   */
  private async saveDocuments(manager: EntityManager, documents: StationDocument[]): Promise<void> {
    const upsert = isSqlite(manager.connection)
      ? 'ON CONFLICT (station_pk) DO UPDATE SET etag = excluded.etag, format_version = excluded.format_version, body = excluded.body'
      : 'ON DUPLICATE KEY UPDATE etag = VALUES(etag), format_version = VALUES(format_version), body = VALUES(body)';
    // At most 100 per statement: a document is a few KB, a statement stays well under max_allowed_packet.
    for (let start = 0; start < documents.length; start += 100) {
      const chunk = documents.slice(start, start + 100);
      await change(
        manager,
        `INSERT INTO station_documents (station_pk, etag, format_version, body) VALUES ${chunk.map(() => `(?, ?, ${STATION_DOCUMENT_FORMAT}, ?)`).join(', ')} ${upsert}`,
        chunk.flatMap((d) => [d.stationPk, d.etag, Buffer.from(d.body)]),
      );
    }
  }

  /** Inside a write's transaction: the station as now written, its document stored with it. */
  private async written(manager: EntityManager, stationPk: number): Promise<WrittenStation> {
    const [aggregate] = await loadStations(manager, 's.pk = ?', [stationPk]);
    if (!aggregate) throw new Error(`charge station ${stationPk} vanished`);
    const answer = toChargeStationDto(aggregate, this.settings);
    await this.saveDocuments(manager, [renderDocument(aggregate, answer)]);
    return { aggregate, answer };
  }

  /**
   * Makes the station's EVSE set equal to `drafts` (matched by uid): new EVSEs are inserted,
   * changed definitions updated, EVSEs no longer sent marked REMOVED. Live statuses of EVSEs that
   * stay are never touched. Only what changed gets a new `last_updated`.
   */
  private async syncEvses(manager: EntityManager, station: ChargeStation, existing: StoredEvse[], drafts: EvseDraft[], now: number): Promise<void> {
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

  // ------------------------------------------------------------------ bulk (demo:generate)

  /** The highest primary key of stations, EVSEs and connectors: a bulk insert assigns its own after them. */
  async maxPks(): Promise<{ station: number; evse: number; connector: number }> {
    const max = async (table: string) => Number(((await this.dataSource.query(`SELECT MAX(pk) AS m FROM ${table}`)) as { m: unknown }[])[0]?.m ?? 0);
    return { station: await max('charge_stations'), evse: await max('evses'), connector: await max('connectors') };
  }

  countForCpo(cpoPk: number): Promise<number> {
    return this.dataSource.getRepository(ChargeStation).countBy({ cpoPk });
  }

  /**
   * New stations with their primary keys assigned, their configuration rows, EVSEs and connectors
   * as multi-row INSERTs, and their documents, in one transaction (demo:generate).
   */
  async insertMany(rows: { stations: Partial<ChargeStation>[]; configs: Partial<StationConfiguration>[]; evses: Partial<Evse>[]; connectors: Partial<Connector>[] }): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await bulkInsert(manager, ChargeStation, rows.stations);
      await bulkInsert(manager, StationConfiguration, rows.configs);
      await bulkInsert(manager, Evse, rows.evses);
      await bulkInsert(manager, Connector, rows.connectors);
      await this.storeDocuments(manager, rows.stations.map((s) => s.pk!));
    });
  }
}
