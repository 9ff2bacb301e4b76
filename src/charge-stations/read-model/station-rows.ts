import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { liveTokenCpos } from '../../auth/api-token.repository.js';
import { isSqlite, select } from '../../database/prepared.js';
import { Connector } from '../../evses/connector.entity.js';
import { Evse } from '../../evses/evse.entity.js';
import type { StoredEvse } from '../../evses/evse.model.js';
import type { StationAggregate } from '../charge-station.types.js';
import { StationConfiguration } from '../../station-config/station-configuration.entity.js';
import { ChargeStation } from '../charge-station.entity.js';
import { STATION_DOCUMENT_FORMAT } from './station-document-format.js';

export type { StationAggregate } from '../charge-station.types.js';

const TABLES: [alias: string, target: EntityTarget<ObjectLiteral>][] = [
  ['s', ChargeStation],
  ['c', StationConfiguration],
  ['e', Evse],
  ['k', Connector],
];

type Row = Record<string, unknown>;
type Hydrator = (row: Row) => ObjectLiteral;

/** What the JOIN needs per data source, worked out once: the select lists and a hydrator per table. */
interface Shape {
  columns: string;
  /** The select list of one table (by TABLES index). */
  tableColumns: string[];
  hydrators: Hydrator[];
  /** Whole statements by key: the same string object every time, so the driver's statement cache hashes it once. */
  statements: Map<string, string>;
  /** The live parts of station `s`'s EVSEs as one text: `pk status last_updated` per EVSE, comma-separated. */
  liveEvses: string;
}

const shapes = new WeakMap<DataSource, Shape>();

function shapeOf(dataSource: DataSource): Shape {
  let shape = shapes.get(dataSource);
  if (shape) return shape;
  const metadata = TABLES.map(([, target]) => dataSource.getMetadata(target));
  const tableColumns = TABLES.map(([alias], i) => metadata[i].columns.map((c) => `${alias}.${c.databaseName} AS ${alias}__${c.databaseName}`).join(', '));
  shape = {
    columns: tableColumns.join(', '),
    tableColumns,
    hydrators: TABLES.map(([alias], i) => hydrator(dataSource, metadata[i], alias)),
    statements: new Map(),
    // A covering index (station_pk, status, last_updated): no EVSE rows read. Tens of bytes per EVSE,
    // far below MariaDB's group_concat_max_len; were it cut short, an EVSE would be missing
    // and the station read whole instead (fillDocument gives up).
    liveEvses: isSqlite(dataSource)
      ? `(SELECT group_concat(e.pk || ' ' || e.status || ' ' || e.last_updated, ',') FROM evses e WHERE e.station_pk = s.pk)`
      : `(SELECT GROUP_CONCAT(e.pk, ' ', e.status, ' ', e.last_updated SEPARATOR ',') FROM evses e WHERE e.station_pk = s.pk)`,
  };
  shapes.set(dataSource, shape);
  return shape;
}

/** Column types both drivers hand back as they are (TypeORM's prepareHydratedValue leaves them alone). */
const PASS_THROUGH = new Set<unknown>(['varchar', 'char', 'text', 'int', 'integer', 'smallint', 'bigint', 'decimal', 'double', 'float', 'real']);

/**
 * An entity from the aliased columns (`alias__column`) of a row, with the values TypeORM itself
 * would give: its driver's conversion and the column's transformer. Compiled once per table into
 * straight-line property assignments (a generic loop over columns cost a measurable part of a list
 * page's CPU time: bench/ANALYSIS.md, "Measured reasons in the code"); columns whose type needs no conversion are copied, or only
 * transformed.
 */
function hydrator(dataSource: DataSource, metadata: EntityMetadata, alias: string): Hydrator {
  const converters: ((value: unknown) => unknown)[] = [];
  const lines = metadata.columns.map((column) => {
    const read = `row[${JSON.stringify(`${alias}__${column.databaseName}`)}]`;
    const write = `entity[${JSON.stringify(column.propertyName)}]`;
    const transformer = column.transformer;
    let convert: ((value: unknown) => unknown) | undefined;
    if (!PASS_THROUGH.has(column.type)) convert = (value) => dataSource.driver.prepareHydratedValue(value, column);
    else if (Array.isArray(transformer)) convert = (value) => dataSource.driver.prepareHydratedValue(value, column);
    else if (transformer) convert = (value) => transformer.from(value);
    if (!convert) return `${write} = ${read};`;
    converters.push(convert);
    return `${write} = converters[${converters.length - 1}](${read});`;
  });
  // Compiled once per table from entity metadata; no request data reaches the source text.
  const build = new Function('Target', 'converters', `return function hydrate(row) {\n  const entity = new Target();\n  ${lines.join('\n  ')}\n  return entity;\n};`) as (
    target: unknown,
    converters: ((value: unknown) => unknown)[],
  ) => Hydrator;
  return build(metadata.target, converters);
}

function hydrate<T>(shape: Shape, table: number, row: Row): T {
  return shape.hydrators[table](row) as T;
}

/**
 * Whole stations in one statement: the station, its configuration, its EVSEs and their connectors
 * joined, hydrated with TypeORM's own column conversions. No ORDER BY: with the TEXT columns in the
 * join it would make MySQL sort through an on-disk temporary table; EVSEs and connectors are put in
 * order here. `where` is SQL on alias `s` with `?` placeholders.
 */
export async function loadStations(manager: EntityManager, where: string, parameters: unknown[]): Promise<StationAggregate[]> {
  const shape = shapeOf(manager.connection);
  const sql = statement(
    shape,
    where,
    () => `SELECT ${shape.columns} FROM charge_stations s
     LEFT JOIN station_configurations c ON c.station_pk = s.pk
     LEFT JOIN evses e ON e.station_pk = s.pk
     LEFT JOIN connectors k ON k.evse_pk = e.pk
     WHERE ${where}`,
  );
  return assemble(shape, await select(manager, sql, parameters), [], []);
}

/**
 * Many stations, whole, by primary key, in three statements whatever their number: the stations
 * with their configurations, their EVSEs, their connectors. For pages: one JOIN would repeat each
 * station's columns once per connector, and decoding those copies was most of a list page's time
 * (bench/ANALYSIS.md, "Measured reasons in the code").
 * The IN lists are padded to a power of two, so that few distinct statements get prepared.
 */
export async function loadStationsByPk(manager: EntityManager, pks: number[]): Promise<StationAggregate[]> {
  if (pks.length === 0) return [];
  const shape = shapeOf(manager.connection);
  const size = 2 ** Math.ceil(Math.log2(pks.length));
  const parameters = [...pks, ...Array<number>(size - pks.length).fill(pks[pks.length - 1])];
  const list = placeholders(size);
  const [stations, evses, connectors] = await Promise.all([
    select(
      manager,
      statement(shape, `stations ${size}`, () =>
        `SELECT ${shape.tableColumns[0]}, ${shape.tableColumns[1]} FROM charge_stations s
         LEFT JOIN station_configurations c ON c.station_pk = s.pk WHERE s.pk IN (${list})`),
      parameters,
    ),
    select(manager, statement(shape, `evses ${size}`, () => `SELECT ${shape.tableColumns[2]} FROM evses e WHERE e.station_pk IN (${list})`), parameters),
    select(
      manager,
      statement(shape, `connectors ${size}`, () =>
        `SELECT ${shape.tableColumns[3]} FROM connectors k WHERE k.station_pk IN (${list})`),
      parameters,
    ),
  ]);
  return assemble(shape, stations, evses, connectors);
}

/** The same string object for the same statement every time: the driver's statement cache then hashes it once. */
function statement(shape: Shape, key: string, build: () => string): string {
  let sql = shape.statements.get(key);
  if (sql === undefined) {
    sql = build();
    if (shape.statements.size < 1000) shape.statements.set(key, sql);
  }
  return sql;
}

/**
 * Stations from rows with aliased columns: joined rows (each may carry a station, its
 * configuration, an EVSE and a connector), plus EVSE rows and connector rows of their own.
 */
function assemble(
  shape: Shape,
  rows: Record<string, unknown>[],
  evseRows: Record<string, unknown>[],
  connectorRows: Record<string, unknown>[],
): StationAggregate[] {
  const stations = new Map<number, StationAggregate>();
  const evses = new Map<number, StoredEvse>();
  const connectors = new Set<number>();
  const addConnector = (row: Record<string, unknown>, evse: StoredEvse | undefined) => {
    const pk = Number(row.k__pk);
    if (!evse || connectors.has(pk)) return;
    connectors.add(pk);
    evse.connectors.push(hydrate(shape, 3, row));
  };
  const addEvse = (aggregate: StationAggregate, row: Record<string, unknown>): StoredEvse => {
    const evsePk = Number(row.e__pk);
    let evse = evses.get(evsePk);
    if (!evse) {
      evse = { evse: hydrate(shape, 2, row), connectors: [] };
      evses.set(evsePk, evse);
      aggregate.evses.push(evse);
    }
    return evse;
  };
  for (const row of rows) {
    const stationPk = Number(row.s__pk);
    let aggregate = stations.get(stationPk);
    if (!aggregate) {
      aggregate = {
        station: hydrate(shape, 0, row),
        config: row.c__station_pk == null ? undefined : hydrate(shape, 1, row),
        evses: [],
      };
      stations.set(stationPk, aggregate);
    }
    if (row.e__pk == null) continue;
    const evse = addEvse(aggregate, row);
    if (row.k__pk != null) addConnector(row, evse);
  }
  for (const row of evseRows) {
    const aggregate = stations.get(Number(row.e__station_pk));
    if (aggregate) addEvse(aggregate, row);
  }
  for (const row of connectorRows) addConnector(row, evses.get(Number(row.k__evse_pk)));
  for (const aggregate of stations.values()) {
    aggregate.evses.sort((a, b) => a.evse.evseSequenceNumber - b.evse.evseSequenceNumber || a.evse.pk - b.evse.pk);
  }
  return [...stations.values()];
}

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** A station's stored document as GET and list pages read it, with what its holes are filled from. */
export interface DocumentRow {
  pk: number;
  deployState: ChargeStation['deployState'];
  /** The stored document (UTF-8) if it is the one of the station's current etag, else null. */
  document: Buffer | null;
  config: StationConfiguration | undefined;
  /** The live parts of the station's EVSEs, by EVSE pk. */
  evses: Map<number, LiveEvse>;
}

/** An EVSE's live part: its status and its own last_updated (both move without the station's etag). */
export interface LiveEvse {
  status: Evse['status'];
  lastUpdated: number;
}

/**
 * What a list page needs of these stations when their documents are stored, in one statement
 * whatever their number (see documentColumns).
 */
export async function loadPageByPk(manager: EntityManager, pks: number[]): Promise<DocumentRow[]> {
  if (pks.length === 0) return [];
  const shape = shapeOf(manager.connection);
  const size = 2 ** Math.ceil(Math.log2(pks.length));
  const parameters = [...pks, ...Array<number>(size - pks.length).fill(pks[pks.length - 1])];
  const sql = statement(shape, `documents ${size}`, () => `SELECT ${documentColumns(shape)} FROM charge_stations s ${DOCUMENT_JOINS} WHERE s.pk IN (${placeholders(size)})`);
  return (await select(manager, sql, parameters)).map((row) => documentRow(shape, row));
}

/**
 * The station with this OCPP identity as GET one answers it from its stored document, if it belongs
 * to a CPO of the live token with one of these hashes: one statement, the token's rows joined first
 * (by its unique hash, then the one token–CPO row that matches the station; MariaDB runs this join
 * for less CPU than the same check as an `IN (subquery)`).
 */
export async function loadDocumentForToken(manager: EntityManager, tokenHashes: string[], chargeStationId: string): Promise<(DocumentRow & { etag: string }) | undefined> {
  const shape = shapeOf(manager.connection);
  const sql = statement(
    shape,
    `document for token ${tokenHashes.length}`,
    () => {
      const token = liveTokenCpos(tokenHashes.length);
      return `SELECT ${documentColumns(shape)}, s.etag AS s__etag
     FROM ${token.from}
     JOIN charge_stations s ON s.cpo_pk = tc.cpo_pk AND s.charge_station_id = ?
     ${DOCUMENT_JOINS}
     WHERE ${token.where}`;
    },
  );
  const [row] = await select(manager, sql, [chargeStationId, ...tokenHashes]);
  return row && { ...documentRow(shape, row), etag: String(row.s__etag) };
}

/** A document is used only when made for the station's current etag in the code's format. */
const DOCUMENT_JOINS = `LEFT JOIN station_documents d ON d.station_pk = s.pk AND d.etag = s.etag AND d.format_version = ${STATION_DOCUMENT_FORMAT}
     LEFT JOIN station_configurations c ON c.station_pk = s.pk`;

/**
 * What a station's document is read with, one row per station: its key and deploy state, the
 * document (only when made for the station's current etag), the configuration without its
 * configuration keys (which no station answer shows) and its EVSEs' live parts as one text (one row
 * per station, one statement for documents and EVSEs: each statement sent costs the service and the
 * database more than the EVSE subquery does).
 */
function documentColumns(shape: Shape): string {
  const config = shape.tableColumns[1].replace('c.configuration_keys AS', 'NULL AS');
  return `s.pk AS s__pk, s.deploy_state AS s__deploy_state, d.body AS d__body, ${config}, ${shape.liveEvses} AS e__live`;
}

function documentRow(shape: Shape, row: Row): DocumentRow {
  return {
    pk: Number(row.s__pk),
    deployState: row.s__deploy_state as ChargeStation['deployState'],
    document: (row.d__body as Buffer | null) ?? null,
    config: row.c__station_pk == null ? undefined : hydrate<StationConfiguration>(shape, 1, row),
    evses: row.e__live == null ? new Map() : parseLiveEvses(String(row.e__live)),
  };
}

/**
 * The EVSEs' live parts from their text (`pk status last_updated`, comma-separated), read in place:
 * a page has hundreds, and splitting made several strings and arrays of each.
 */
export function parseLiveEvses(live: string): Map<number, LiveEvse> {
  const evses = new Map<number, LiveEvse>();
  let at = 0;
  while (at < live.length) {
    let pk = 0;
    for (; at < live.length && live.charCodeAt(at) !== SPACE; at++) pk = pk * 10 + (live.charCodeAt(at) - 0x30);
    const statusEnd = live.indexOf(' ', at + 1);
    if (statusEnd < 0) break;
    const status = live.slice(at + 1, statusEnd) as Evse['status'];
    let lastUpdated = 0;
    for (at = statusEnd + 1; at < live.length && live.charCodeAt(at) !== COMMA; at++) lastUpdated = lastUpdated * 10 + (live.charCodeAt(at) - 0x30);
    evses.set(pk, { status, lastUpdated });
    at++;
  }
  return evses;
}

const SPACE = 0x20;
const COMMA = 0x2c;
