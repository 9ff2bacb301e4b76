import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Cpo } from '../auth/cpo.entity.js';
import { createCpo } from '../auth/cpos.js';
import { Tokens } from '../auth/tokens.js';
import { ChargeStation } from '../charge-stations/charge-station.entity.js';
import { stationFieldsFromWrite } from '../charge-stations/charge-station.mapper.js';
import { storeDocuments } from '../charge-stations/station-document.js';
import { Connector } from '../evses/connector.entity.js';
import { Evse } from '../evses/evse.entity.js';
import { templateEvseId } from '../evses/rules/evse-identity.js';
import type { LocationWriteDto } from '../locations/dto/location-write.dto.js';
import { Location } from '../locations/location.entity.js';
import { fieldsFromWrite } from '../locations/location.mapper.js';
import { StationConfiguration } from '../station-config/station-configuration.entity.js';

export interface GenerateOptions {
  stations: number;
  cpoId: string;
  /** Stations written per transaction (each with its EVSEs, connectors and configuration). */
  batchSize?: number;
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
}

export interface GenerateResult {
  cpoId: string;
  createdCpo: boolean;
  locations: number;
  stations: number;
  firstStationId: string | undefined;
  lastStationId: string | undefined;
  milliseconds: number;
  token: string;
}

const EVSES_PER_STATION = 2;
const CONNECTORS_PER_EVSE = 2;
const STATIONS_PER_LOCATION = 10;
/** Rows per INSERT statement: keeps every statement under SQLite's 32,766 bound parameters. */
const ROWS_PER_STATEMENT = 500;

/** `BENCH-000042`: sortable, valid as a charge_station_id and inside an EVSE uid of ≤ 36 characters. */
export const benchStationId = (cpoId: string, n: number) => `${cpoId}-${String(n).padStart(6, '0')}`;
export const benchLocationId = (cpoId: string, n: number) => `${cpoId}-LOC-${String(n).padStart(5, '0')}`;

/**
 * Multi-row INSERTs of plain entity-shaped objects, through the data source's own driver (`?`
 * placeholders work on mysql2 and better-sqlite3 alike). Columns come from the entity metadata, so
 * the statement follows the entities; simple-json values are serialised, booleans become 0/1.
 */
async function bulkInsert<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, rows: Partial<E>[]): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const seen = new Set<string>();
  const columns = metadata.columns.filter((c) => !c.isVirtual && !seen.has(c.databaseName) && seen.add(c.databaseName));
  const escape = (name: string) => manager.connection.driver.escape(name);
  const head = `INSERT INTO ${escape(metadata.tableName)} (${columns.map((c) => escape(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const row of chunk) {
      for (const column of columns) {
        const value = (row as Record<string, unknown>)[column.propertyName];
        if (value === undefined || value === null) params.push(null);
        else if (column.type === 'simple-json') params.push(JSON.stringify(value));
        else if (typeof value === 'boolean') params.push(value ? 1 : 0);
        else params.push(value);
      }
    }
    await manager.query(head + chunk.map(() => tuple).join(', '), params);
  }
}

async function maxPk(dataSource: DataSource, target: EntityTarget<ObjectLiteral>): Promise<number> {
  const metadata = dataSource.getMetadata(target);
  const [row] = (await dataSource.query(`SELECT MAX(pk) AS m FROM ${dataSource.driver.escape(metadata.tableName)}`)) as { m: unknown }[];
  return Number(row?.m ?? 0);
}

/**
 * A benchmark/demo dataset: the CPO (created when missing), N/10 locations, N stations with 2 EVSEs
 * of 2 AC connectors each (connector ids 1–4 per station) and a configuration row per station
 * (Offline, not remote-manageable), exactly as the API would have created them. Primary keys are
 * assigned here (after the current maximum), so rows go in as multi-row INSERTs, one transaction per
 * batch. Running it again adds N more stations after the existing ones. Returns a write token.
 */
export async function generateDemo(dataSource: DataSource, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const { cpoId } = options;
  const batchSize = options.batchSize ?? 1000;
  const progress = options.progress ?? (() => undefined);
  if (!Number.isSafeInteger(options.stations) || options.stations < 1 || options.stations > 10_000_000) {
    throw new Error('--stations must be a whole number from 1 to 10000000');
  }

  let cpo = await dataSource.getRepository(Cpo).findOneBy({ cpoId });
  const createdCpo = !cpo;
  if (!cpo) {
    const partyId = cpoId === 'BENCH' ? 'BEN' : cpoId.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(3, 'X').slice(0, 3);
    cpo = await createCpo(dataSource, { cpoId, name: `${cpoId} benchmark CPO`, countryCode: 'NL', partyId });
  }
  const { pk: cpoPk, countryCode, partyId } = cpo;

  const existingStations = await dataSource.getRepository(ChargeStation).countBy({ cpoPk });
  const existingLocations = await dataSource.getRepository(Location).countBy({ cpoPk });
  const locationCount = Math.max(1, Math.ceil(options.stations / STATIONS_PER_LOCATION));
  const now = Date.now();
  // Distinct last_updated values in the past, oldest first: a realistic change feed.
  const base = now - options.stations - 1000;

  const locationFields = fieldsFromWrite({
    name: 'Benchmark location',
    address: 'Stationsplein 1',
    city: 'Amsterdam',
    postal_code: '1012AB',
    country: 'NLD',
    type: 'PARKING_LOT',
    time_zone: 'Europe/Amsterdam',
  } as LocationWriteDto);
  const locations: Partial<Location>[] = [];
  for (let i = 1; i <= locationCount; i++) {
    const lat = (52 + (i % 1000) / 1000).toFixed(5);
    const lng = (4 + (i % 997) / 1000).toFixed(5);
    locations.push({
      ...locationFields,
      id: benchLocationId(cpoId, existingLocations + i),
      cpoPk,
      name: `Benchmark location ${existingLocations + i}`,
      latitude: lat,
      longitude: lng,
      lat: Number(lat),
      lng: Number(lng),
      etag: randomUUID(),
      created: base,
      modified: base,
      lastUpdated: base,
    });
  }
  for (let start = 0; start < locations.length; start += batchSize) {
    await dataSource.transaction((manager) => bulkInsert(manager, Location, locations.slice(start, start + batchSize)));
  }
  progress(`${locations.length} locations`);

  const stationFields = stationFieldsFromWrite({
    deploy_state: 'Production',
    default_charge_station_tariff_id: 'TARIFF-STD',
    charger_type: 'Public',
  });
  let stationPk = await maxPk(dataSource, ChargeStation);
  let evsePk = await maxPk(dataSource, Evse);
  let connectorPk = await maxPk(dataSource, Connector);
  let firstStationId: string | undefined;
  let lastStationId: string | undefined;

  for (let start = 0; start < options.stations; start += batchSize) {
    const count = Math.min(batchSize, options.stations - start);
    const stations: Partial<ChargeStation>[] = [];
    const configs: Partial<StationConfiguration>[] = [];
    const evses: Partial<Evse>[] = [];
    const connectors: Partial<Connector>[] = [];
    for (let k = 0; k < count; k++) {
      const index = start + k; // 0-based within this run
      const chargeStationId = benchStationId(cpoId, existingStations + index + 1);
      const at = base + index;
      firstStationId ??= chargeStationId;
      lastStationId = chargeStationId;
      stationPk++;
      stations.push({
        ...stationFields,
        pk: stationPk,
        chargeStationId,
        cpoPk,
        locationId: locations[Math.floor(index / STATIONS_PER_LOCATION) % locations.length].id,
        name: `Benchmark station ${existingStations + index + 1}`,
        etag: randomUUID(),
        created: at,
        modified: at,
        lastUpdated: at,
      });
      configs.push({ stationPk, remoteManageable: false, connectivityStatus: 'Offline' });
      for (let sequence = 1; sequence <= EVSES_PER_STATION; sequence++) {
        evsePk++;
        evses.push({
          pk: evsePk,
          stationPk,
          cpoPk,
          uid: `${countryCode}-${partyId}-E${chargeStationId}-${sequence}`,
          evseId: templateEvseId(countryCode, partyId, chargeStationId, sequence),
          evseSequenceNumber: sequence,
          status: 'AVAILABLE',
          capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
          lastUpdated: at,
        });
        for (let c = 1; c <= CONNECTORS_PER_EVSE; c++) {
          connectorPk++;
          connectors.push({
            pk: connectorPk,
            evsePk,
            stationPk,
            connectorId: String((sequence - 1) * CONNECTORS_PER_EVSE + c),
            standard: 'IEC_62196_T2',
            format: 'SOCKET',
            powerType: 'AC_3_PHASE',
            voltage: 230,
            amperage: 32,
            maxElectricPower: 22000,
            lastUpdated: at,
          });
        }
      }
    }
    await dataSource.transaction(async (manager) => {
      await bulkInsert(manager, ChargeStation, stations);
      await bulkInsert(manager, StationConfiguration, configs);
      await bulkInsert(manager, Evse, evses);
      await bulkInsert(manager, Connector, connectors);
      // Their documents too, as the API stores them with every write (list pages read those).
      await storeDocuments(manager, stations.map((s) => s.pk!));
    });
    const done = start + count;
    if (done === options.stations || done % (batchSize * 10) === 0) {
      progress(`${done}/${options.stations} stations (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  }

  const token = await new Tokens(dataSource).create([cpoId], 'write');
  return {
    cpoId,
    createdCpo,
    locations: locations.length,
    stations: options.stations,
    firstStationId,
    lastStationId,
    milliseconds: Date.now() - started,
    token,
  };
}
