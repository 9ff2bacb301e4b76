import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiTokenRepository } from '../auth/api-token.repository.js';
import { CpoRepository } from '../auth/cpo.repository.js';
import type { ChargeStation } from '../charge-stations/charge-station.entity.js';
import { stationFieldsFromWrite } from '../charge-stations/charge-station.mapper.js';
import { ChargeStationRepository } from '../charge-stations/charge-station.repository.js';
import { EventRepository } from '../events/event.repository.js';
import type { Connector } from '../evses/connector.entity.js';
import type { Evse } from '../evses/evse.entity.js';
import { templateEvseId } from '../evses/rules/evse-identity.js';
import type { LocationWriteDto } from '../locations/dto/location-write.dto.js';
import type { Location } from '../locations/location.entity.js';
import { fieldsFromWrite } from '../locations/location.mapper.js';
import { LocationRepository } from '../locations/location.repository.js';
import { loadSettings } from '../settings/settings.js';
import type { StationConfiguration } from '../station-config/station-configuration.entity.js';

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
/** `BENCH-000042`: sortable, valid as a charge_station_id and inside an EVSE uid of ≤ 36 characters. */
export const benchStationId = (cpoId: string, n: number) => `${cpoId}-${String(n).padStart(6, '0')}`;
export const benchLocationId = (cpoId: string, n: number) => `${cpoId}-LOC-${String(n).padStart(5, '0')}`;

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

  const cpos = new CpoRepository(dataSource);
  const events = new EventRepository(dataSource);
  const locationRepository = new LocationRepository(dataSource, events);
  const stationRepository = new ChargeStationRepository(dataSource, loadSettings({}), events);
  let cpo = await cpos.findByCpoId(cpoId);
  const createdCpo = !cpo;
  if (!cpo) {
    const partyId = cpoId === 'BENCH' ? 'BEN' : cpoId.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(3, 'X').slice(0, 3);
    cpo = await cpos.create({ cpoId, name: `${cpoId} benchmark CPO`, countryCode: 'NL', partyId });
  }
  const { pk: cpoPk, countryCode, partyId } = cpo;

  const existingStations = await stationRepository.countForCpo(cpoPk);
  const existingLocations = await locationRepository.countForCpo(cpoPk);
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
  await locationRepository.insertMany(locations, batchSize);
  progress(`${locations.length} locations`);

  const stationFields = stationFieldsFromWrite({
    deploy_state: 'Production',
    default_charge_station_tariff_id: 'TARIFF-STD',
    charger_type: 'Public',
  });
  const maxPks = await stationRepository.maxPks();
  let stationPk = maxPks.station;
  let evsePk = maxPks.evse;
  let connectorPk = maxPks.connector;
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
    // With their documents, as the API stores them with every write (list pages read those).
    await stationRepository.insertMany({ stations, configs, evses, connectors });
    const done = start + count;
    if (done === options.stations || done % (batchSize * 10) === 0) {
      progress(`${done}/${options.stations} stations (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  }

  const token = await new ApiTokenRepository(dataSource).create([cpoId], 'write');
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
