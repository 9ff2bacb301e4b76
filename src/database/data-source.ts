import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApiToken } from '../auth/api-token.entity.js';
import { Cpo } from '../auth/cpo.entity.js';
import type { Settings } from '../settings/settings.js';
import { ChargeStation } from '../charge-stations/charge-station.entity.js';
import { StationDocumentRow } from '../charge-stations/read-model/station-document.entity.js';
import { OutboxEvent } from '../events/event.entity.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';
import { Connector } from '../evses/connector.entity.js';
import { Evse } from '../evses/evse.entity.js';
import { HardwareTemplate } from '../hardware-templates/hardware-template.entity.js';
import { Location } from '../locations/location.entity.js';
import { StationConfiguration } from '../station-config/station-configuration.entity.js';
import { ChargeStations1763910000000 as MysqlChargeStations } from './migrations/mysql/1763910000000-ChargeStations.js';
import { Foundation1763900000000 as MysqlFoundation } from './migrations/mysql/1763900000000-Foundation.js';
import { HardwareTemplates1763920000000 as MysqlHardwareTemplates } from './migrations/mysql/1763920000000-HardwareTemplates.js';
import { OcppState1763930000000 as MysqlOcppState } from './migrations/mysql/1763930000000-OcppState.js';
import { StationDocuments1763940000000 as MysqlStationDocuments } from './migrations/mysql/1763940000000-StationDocuments.js';
import { StationDocumentFormat1763950000000 as MysqlStationDocumentFormat } from './migrations/mysql/1763950000000-StationDocumentFormat.js';
import { WideJsonColumns1763955000000 as MysqlWideJsonColumns } from './migrations/mysql/1763955000000-WideJsonColumns.js';
import { EventsAndWebhooks1763960000000 as MysqlEventsAndWebhooks } from './migrations/mysql/1763960000000-EventsAndWebhooks.js';
import { ChargeStations1763910000000 as SqliteChargeStations } from './migrations/sqlite/1763910000000-ChargeStations.js';
import { Foundation1763900000000 as SqliteFoundation } from './migrations/sqlite/1763900000000-Foundation.js';
import { HardwareTemplates1763920000000 as SqliteHardwareTemplates } from './migrations/sqlite/1763920000000-HardwareTemplates.js';
import { OcppState1763930000000 as SqliteOcppState } from './migrations/sqlite/1763930000000-OcppState.js';
import { StationDocuments1763940000000 as SqliteStationDocuments } from './migrations/sqlite/1763940000000-StationDocuments.js';
import { StationDocumentFormat1763950000000 as SqliteStationDocumentFormat } from './migrations/sqlite/1763950000000-StationDocumentFormat.js';
import { EventsAndWebhooks1763960000000 as SqliteEventsAndWebhooks } from './migrations/sqlite/1763960000000-EventsAndWebhooks.js';
import { gateSqliteStatements } from './transactions.js';

export const ENTITIES = [Cpo, ApiToken, Location, ChargeStation, Evse, Connector, StationConfiguration, StationDocumentRow, HardwareTemplate, OutboxEvent, WebhookEndpoint];

const MYSQL_MIGRATIONS = [MysqlFoundation, MysqlChargeStations, MysqlHardwareTemplates, MysqlOcppState, MysqlStationDocuments, MysqlStationDocumentFormat, MysqlWideJsonColumns, MysqlEventsAndWebhooks];
const SQLITE_MIGRATIONS = [SqliteFoundation, SqliteChargeStations, SqliteHardwareTemplates, SqliteOcppState, SqliteStationDocuments, SqliteStationDocumentFormat, SqliteEventsAndWebhooks];

export function isEmbedded(settings: Settings): boolean {
  return settings.databaseUrl === undefined;
}

/**
 * The TypeORM options for the configured database. Migrations (one set per dialect) run on start;
 * `synchronize` is never used.
 */
export function dataSourceOptions(settings: Settings): DataSourceOptions {
  if (settings.databaseUrl) {
    return {
      type: 'mysql',
      url: settings.databaseUrl,
      entities: ENTITIES,
      migrations: MYSQL_MIGRATIONS,
      migrationsRun: true,
      migrationsTransactionMode: 'each',
      synchronize: false,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      // BIGINT (epoch-ms timestamps) as numbers: exact up to 2^53, and no string round trip.
      supportBigNumbers: true,
      bigNumberStrings: false,
      connectTimeout: 5000,
      poolSize: settings.databasePoolSize,
      extra: { decimalNumbers: true, connectionLimit: settings.databasePoolSize, enableKeepAlive: true },
    };
  }
  if (settings.sqlitePath !== ':memory:') mkdirSync(dirname(settings.sqlitePath), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: settings.sqlitePath,
    entities: ENTITIES,
    migrations: SQLITE_MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    enableWAL: settings.sqlitePath !== ':memory:',
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  };
}

/** Opens a data source: connected, migrated, and on SQLite its statements gated (gateSqliteStatements). */
export async function initializeDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  gateSqliteStatements(dataSource);
  return dataSource;
}

/** A data source outside Nest (CLI, scripts), migrated and ready. */
export function openDataSource(settings: Settings): Promise<DataSource> {
  return initializeDataSource(dataSourceOptions(settings));
}
