import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { SerialisedData } from '../../common/envelope.js';
import { paginate, SerialisedPage } from '../../common/pagination.js';
import { selectInlined } from '../../database/prepared.js';
import { SETTINGS, type Settings } from '../../settings/settings.js';
import { ChargeStation } from '../charge-station.entity.js';
import { toChargeStationDto } from '../charge-station.mapper.js';
import { ChargeStationRepository } from '../charge-station.repository.js';
import type { ChargeStationDto } from '../dto/charge-station.dto.js';
import type { ChargeStationListQueryDto } from '../dto/charge-station-query.dto.js';
import { JsonBuilder } from './json-builder.js';
import { fillDocument } from './station-document.js';
import { type DocumentRow, loadDocumentForToken, loadPageByPk } from './station-rows.js';

/** What a station's filled holes add to its document, about (a builder's first size; it grows as needed). */
const ANSWER_ROOM = 640;

/** The filters of a station list besides paging (tenancy included: the CPOs whose stations are listed). */
export interface StationFilter {
  cpoPks: number[];
  locationId?: string;
  deployState?: ChargeStation['deployState'];
  /** Filter the date window on `modified` (own fields) instead of `last_updated`. */
  byModified?: boolean;
}

/**
 * How stations are answered (GET one and list pages): each station's answer is stored serialised,
 * once per version and format (station_documents, written by ChargeStationRepository with every
 * write), with what moves without a new etag left as holes (station-document.ts). A read fills the
 * holes from the database and sends the stored bytes, so answers stay real-time and a list page
 * answers exactly what GET of each station answers. A station without a usable document is read
 * whole, answered from its tables, and its document stored (rebuild).
 */
@Injectable()
export class StationReadModel {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly stations: ChargeStationRepository,
  ) {}

  /**
   * GET one: the answer of the station with this OCPP identity if it belongs to a CPO of the live
   * token with one of these hashes, in one statement (the token is checked inside the read), with
   * the etag of the version answered; undefined when there is none (the caller tells 401 from 404).
   */
  async answerForToken(tokenHashes: string[], chargeStationId: string): Promise<SerialisedData<ChargeStationDto> | undefined> {
    if (tokenHashes.length === 0) return undefined;
    const row = await loadDocumentForToken(this.dataSource.manager, tokenHashes, chargeStationId);
    if (!row) return undefined;
    const json = new JsonBuilder((row.document?.length ?? 0) + ANSWER_ROOM);
    const readWhole = await this.appendAnswers([row], json);
    return new SerialisedData(json, readWhole.get(row.pk)?.station.etag ?? row.etag);
  }

  /**
   * A page of the station change feed (SPEC §2 lists): the page's keys in one statement, then the
   * stations' answers as one JSON array (see page), in the feed's order.
   */
  async page(filter: StationFilter, query: ChargeStationListQueryDto): Promise<SerialisedPage> {
    const qb = this.dataSource.getRepository(ChargeStation).createQueryBuilder('s').select(['s.pk', 's.lastUpdated', 's.chargeStationId']);
    qb.where(filter.cpoPks.length ? { cpoPk: In(filter.cpoPks) } : '1 = 0');
    if (filter.locationId !== undefined) qb.andWhere('s.location_id = :locationId', { locationId: filter.locationId });
    if (filter.deployState !== undefined) qb.andWhere('s.deploy_state = :deployState', { deployState: filter.deployState });
    const keys = await paginate(qb, query, {
      lastUpdated: 's.last_updated',
      id: 's.charge_station_id',
      dateFilter: filter.byModified ? 's.modified' : undefined,
      key: (row) => ({ lastUpdated: row.lastUpdated, id: row.chargeStationId }),
      // The keys only, straight on the driver: TypeORM's execution and hydration cost more than the
      // statement itself.
      fetch: async (statement) => {
        const [sql, parameters] = statement.getQueryAndParameters();
        const rows = await selectInlined(this.dataSource.manager, sql, parameters);
        return rows.map((row) => Object.assign(new ChargeStation(), { pk: Number(row.s_pk), lastUpdated: Number(row.s_last_updated), chargeStationId: String(row.s_charge_station_id) }));
      },
    });
    return new SerialisedPage(await this.answers(keys.items.map((s) => s.pk)), keys.total, keys.limit, keys.nextCursor);
  }

  /** These stations' answers as one JSON array (UTF-8), in the order given: one statement for any number (see loadPageByPk). */
  private async answers(pks: number[]): Promise<JsonBuilder> {
    const rows = await loadPageByPk(this.dataSource.manager, pks);
    const byPk = new Map(rows.map((row) => [row.pk, row]));
    let size = 2;
    for (const row of rows) size += (row.document?.length ?? 0) + ANSWER_ROOM;
    const json = new JsonBuilder(size);
    json.ascii('[');
    await this.appendAnswers(pks.flatMap((pk) => byPk.get(pk) ?? []), json);
    json.ascii(']');
    return json;
  }

  /**
   * Appends these stations' answers to `json`, comma-separated: each stored document with its live
   * parts filled in. Stations without a usable document (none for their current etag and the
   * code's format: written before documents existed, by a write that stopped half-way, or by older
   * code; or not matching their EVSEs) are read whole and their documents stored (rebuild).
   * Returns those read whole, by pk.
   */
  private async appendAnswers(rows: DocumentRow[], json: JsonBuilder): Promise<Map<number, { station: ChargeStation }>> {
    const now = Date.now();
    /** Stations to read whole: the placeholder their JSON goes into. */
    const rebuild = new Map<number, number>();
    rows.forEach((row, i) => {
      if (i > 0) json.ascii(',');
      if (row.document === null || !fillDocument(row.document, row, this.settings, now, json)) rebuild.set(row.pk, json.placeholder());
    });
    if (rebuild.size === 0) return new Map();
    const readWhole = new Map((await this.rebuild([...rebuild.keys()])).map((a) => [a.station.pk, a]));
    for (const [pk, index] of rebuild) {
      const aggregate = readWhole.get(pk);
      if (!aggregate) throw new Error(`charge station ${pk} vanished`); // stations are never deleted
      json.fill(index, JSON.stringify(toChargeStationDto(aggregate, this.settings)));
    }
    return readWhole;
  }

  /** Reads these stations whole and stores their documents (see ChargeStationRepository.rebuildDocuments). */
  rebuild(pks: number[]) {
    return this.stations.rebuildDocuments(pks);
  }
}
