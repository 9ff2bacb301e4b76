import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { Connector } from '../evses/connector.entity.js';
import { Evse } from '../evses/evse.entity.js';
import type { StoredEvse } from '../evses/evse.model.js';
import { StationConfiguration } from '../station-config/station-configuration.entity.js';
import { ChargeStation } from './charge-station.entity.js';

/** A station with everything its response shows. */
export interface StationAggregate {
  station: ChargeStation;
  config: StationConfiguration | undefined;
  evses: StoredEvse[];
}

const TABLES: [alias: string, target: EntityTarget<ObjectLiteral>][] = [
  ['s', ChargeStation],
  ['c', StationConfiguration],
  ['e', Evse],
  ['k', Connector],
];

/** `alias.column AS alias__column` for every mapped column of the four tables. */
function selectList(dataSource: DataSource): string {
  return TABLES.flatMap(([alias, target]) =>
    dataSource.getMetadata(target).columns.map((c) => `${alias}.${c.databaseName} AS ${alias}__${c.databaseName}`),
  ).join(', ');
}

const selectLists = new WeakMap<DataSource, string>();

function hydrate<T>(dataSource: DataSource, metadata: EntityMetadata, alias: string, row: Record<string, unknown>): T {
  const entity = metadata.create() as Record<string, unknown>;
  for (const column of metadata.columns) {
    entity[column.propertyName] = dataSource.driver.prepareHydratedValue(row[`${alias}__${column.databaseName}`], column);
  }
  return entity as T;
}

/**
 * Whole stations in one statement: the station, its configuration, its EVSEs and their connectors
 * joined, hydrated with TypeORM's own column conversions. No ORDER BY: with the TEXT columns in the
 * join it would make MySQL sort through an on-disk temporary table; EVSEs and connectors are put in
 * order here. `where` is SQL on alias `s` with `?` placeholders.
 */
export async function loadStations(manager: EntityManager, where: string, parameters: unknown[]): Promise<StationAggregate[]> {
  const dataSource = manager.connection;
  let select = selectLists.get(dataSource);
  if (!select) selectLists.set(dataSource, (select = selectList(dataSource)));
  const rows: Record<string, unknown>[] = await manager.query(
    `SELECT ${select} FROM charge_stations s
     LEFT JOIN station_configurations c ON c.station_pk = s.pk
     LEFT JOIN evses e ON e.station_pk = s.pk
     LEFT JOIN connectors k ON k.evse_pk = e.pk
     WHERE ${where}`,
    parameters,
  );
  const [stationMeta, configMeta, evseMeta, connectorMeta] = TABLES.map(([, target]) => dataSource.getMetadata(target));
  const stations = new Map<number, StationAggregate>();
  const evses = new Map<number, StoredEvse>();
  for (const row of rows) {
    const stationPk = Number(row.s__pk);
    let aggregate = stations.get(stationPk);
    if (!aggregate) {
      aggregate = {
        station: hydrate(dataSource, stationMeta, 's', row),
        config: row.c__station_pk == null ? undefined : hydrate(dataSource, configMeta, 'c', row),
        evses: [],
      };
      stations.set(stationPk, aggregate);
    }
    if (row.e__pk == null) continue;
    const evsePk = Number(row.e__pk);
    let evse = evses.get(evsePk);
    if (!evse) {
      evse = { evse: hydrate(dataSource, evseMeta, 'e', row), connectors: [] };
      evses.set(evsePk, evse);
      aggregate.evses.push(evse);
    }
    if (row.k__pk != null) evse.connectors.push(hydrate(dataSource, connectorMeta, 'k', row));
  }
  for (const aggregate of stations.values()) {
    aggregate.evses.sort((a, b) => a.evse.evseSequenceNumber - b.evse.evseSequenceNumber || a.evse.pk - b.evse.pk);
  }
  return [...stations.values()];
}

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
