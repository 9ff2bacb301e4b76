import type { DataSource } from 'typeorm';

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];
export const between = (random: () => number, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const CONNECTOR_KINDS = [
  { standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltages: [230, 400], amperages: [16, 32] },
  { standard: 'IEC_62196_T2', format: 'CABLE', power_type: 'AC_1_PHASE', voltages: [230], amperages: [16, 32] },
  { standard: 'IEC_62196_T2_COMBO', format: 'CABLE', power_type: 'DC', voltages: [400, 920], amperages: [125, 200] },
  { standard: 'CHADEMO', format: 'CABLE', power_type: 'DC', voltages: [500], amperages: [100, 125] },
] as const;

export interface ConnectorBody {
  id: string;
  standard: string;
  format: string;
  power_type: string;
  voltage: number;
  amperage: number;
  max_electric_power?: number;
}

export interface EvseBody {
  uid: string;
  evse_sequence_number: number;
  evse_id?: string;
  physical_reference?: string;
  connectors: ConnectorBody[];
}

export interface StationBody {
  charge_station_id: string;
  location_id: string;
  deploy_state: string;
  default_charge_station_tariff_id: string;
  charger_type: string;
  name: string;
  evses: EvseBody[];
}

/**
 * A station body with 1–3 EVSEs of 1–3 connectors each, drawn from the station's pool of five
 * uids `{uidPrefix}-U1..5` (so consecutive writes keep, drop, add and bring back EVSEs). Connector
 * ids run 1..n across the station. `name` tells the writes apart.
 */
export function randomStation(
  random: () => number,
  id: string,
  name: string,
  locations: readonly string[],
  uidPrefix: string = id,
): StationBody {
  const pool = [1, 2, 3, 4, 5].sort(() => random() - 0.5).slice(0, between(random, 1, 3));
  let connectorId = 0;
  const evses = pool.map((k, position): EvseBody => {
    const evse: EvseBody = {
      uid: `${uidPrefix}-U${k}`,
      // Sent explicitly: left out, a brought-back EVSE keeps its old number even when another
      // EVSE of the station has been given it since, and the write is refused (400).
      evse_sequence_number: position + 1,
      connectors: Array.from({ length: between(random, 1, 3) }, () => {
        const kind = pick(random, CONNECTOR_KINDS);
        const connector: ConnectorBody = {
          id: String(++connectorId),
          standard: kind.standard,
          format: kind.format,
          power_type: kind.power_type,
          voltage: pick(random, kind.voltages),
          amperage: pick(random, kind.amperages),
        };
        if (random() < 0.5) connector.max_electric_power = between(random, 1, 350) * 1000;
        return connector;
      }),
    };
    if (random() < 0.5) evse.evse_id = `NL*ACM*E${uidPrefix.replace(/[^A-Z0-9]/gi, '').toUpperCase()}X${k}`;
    if (random() < 0.5) evse.physical_reference = `p${between(random, 1, 9999)}`;
    return evse;
  });
  return {
    charge_station_id: id,
    location_id: pick(random, locations),
    deploy_state: pick(random, ['Production', 'Stock']),
    default_charge_station_tariff_id: 'T-STD',
    charger_type: pick(random, ['Public', 'Business']),
    name,
    evses,
  };
}

/** What a client defines of a station and its live EVSEs, in a canonical order: what a write must leave stored whole. */
export interface Shape {
  name: string | null;
  location_id: string;
  deploy_state: string;
  evses: {
    uid: string;
    evse_sequence_number: number;
    evse_id: string | null;
    physical_reference: string | null;
    connectors: { id: string; standard: string; format: string; power_type: string; voltage: number; amperage: number; max_electric_power: number | null }[];
  }[];
}

const byUid = (a: { uid: string }, b: { uid: string }) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);

function shapeOf(station: { name?: string | null; location_id: string; deploy_state: string }, evses: any[]): Shape {
  return {
    name: station.name ?? null,
    location_id: station.location_id,
    deploy_state: station.deploy_state,
    evses: evses
      .map((e) => ({
        uid: e.uid,
        evse_sequence_number: Number(e.evse_sequence_number),
        evse_id: e.evse_id ?? null,
        physical_reference: e.physical_reference ?? null,
        connectors: (e.connectors as any[])
          .map((c) => ({
            id: String(c.id),
            standard: c.standard,
            format: c.format,
            power_type: c.power_type,
            voltage: Number(c.voltage),
            amperage: Number(c.amperage),
            max_electric_power: c.max_electric_power == null ? null : Number(c.max_electric_power),
          }))
          .sort((a, b) => Number(a.id) - Number(b.id)),
      }))
      .sort(byUid),
  };
}

/** The shape a write body asks for. */
export const shapeOfBody = (body: StationBody): Shape => shapeOf(body, body.evses);

/** The shape of a station as the API answers it (REMOVED EVSEs left out). */
export const shapeOfResponse = (station: any): Shape =>
  shapeOf(station, (station.evses as any[]).filter((e) => e.status !== 'REMOVED'));

/** The shape of every station as its rows are stored, read straight from the tables; keys upper-cased ids. */
export async function storedShapes(dataSource: DataSource): Promise<Map<string, Shape>> {
  const rows: any[] = await dataSource.query(
    `SELECT s.charge_station_id AS station_id, s.name AS name, s.location_id AS location_id, s.deploy_state AS deploy_state,
            e.pk AS evse_pk, e.uid AS uid, e.evse_sequence_number AS evse_sequence_number, e.evse_id AS evse_id, e.physical_reference AS physical_reference,
            k.connector_id AS id, k.standard AS standard, k.format AS format, k.power_type AS power_type,
            k.voltage AS voltage, k.amperage AS amperage, k.max_electric_power AS max_electric_power
       FROM charge_stations s
       LEFT JOIN evses e ON e.station_pk = s.pk AND e.status <> 'REMOVED'
       LEFT JOIN connectors k ON k.evse_pk = e.pk`,
  );
  const stations = new Map<string, { station: any; evses: Map<number, any> }>();
  for (const row of rows) {
    const key = String(row.station_id).toUpperCase();
    let entry = stations.get(key);
    if (!entry) stations.set(key, (entry = { station: row, evses: new Map() }));
    if (row.evse_pk == null) continue;
    let evse = entry.evses.get(Number(row.evse_pk));
    if (!evse) entry.evses.set(Number(row.evse_pk), (evse = { ...row, connectors: [] }));
    if (row.id != null) evse.connectors.push(row);
  }
  return new Map([...stations].map(([key, { station, evses }]) => [key, shapeOf(station, [...evses.values()])]));
}

/**
 * Rows that break the data model: orphans of every foreign key in the migrations, stations or live
 * EVSEs left without children (a half-written create), and duplicates the unique rules forbid.
 * Each check answers up to five offending rows; an empty list means the database is whole.
 */
export async function integrityProblems(dataSource: DataSource): Promise<string[]> {
  const checks: Record<string, string> = {
    'api_token_cpos without token': `SELECT x.token_pk FROM api_token_cpos x LEFT JOIN api_tokens t ON t.pk = x.token_pk WHERE t.pk IS NULL`,
    'api_token_cpos without cpo': `SELECT x.cpo_pk FROM api_token_cpos x LEFT JOIN cpos c ON c.pk = x.cpo_pk WHERE c.pk IS NULL`,
    'locations without cpo': `SELECT l.id FROM locations l LEFT JOIN cpos c ON c.pk = l.cpo_pk WHERE c.pk IS NULL`,
    'stations without cpo': `SELECT s.pk FROM charge_stations s LEFT JOIN cpos c ON c.pk = s.cpo_pk WHERE c.pk IS NULL`,
    'stations without location': `SELECT s.pk FROM charge_stations s LEFT JOIN locations l ON l.id = s.location_id WHERE l.id IS NULL`,
    'stations at a location of another cpo': `SELECT s.pk FROM charge_stations s JOIN locations l ON l.id = s.location_id WHERE l.cpo_pk <> s.cpo_pk`,
    'stations without configuration': `SELECT s.pk FROM charge_stations s LEFT JOIN station_configurations c ON c.station_pk = s.pk WHERE c.station_pk IS NULL`,
    'configurations without station': `SELECT c.station_pk FROM station_configurations c LEFT JOIN charge_stations s ON s.pk = c.station_pk WHERE s.pk IS NULL`,
    'stations without a live evse': `SELECT s.pk FROM charge_stations s WHERE NOT EXISTS (SELECT 1 FROM evses e WHERE e.station_pk = s.pk AND e.status <> 'REMOVED')`,
    'evses without station': `SELECT e.pk FROM evses e LEFT JOIN charge_stations s ON s.pk = e.station_pk WHERE s.pk IS NULL`,
    'evses of another cpo than their station': `SELECT e.pk FROM evses e JOIN charge_stations s ON s.pk = e.station_pk WHERE e.cpo_pk <> s.cpo_pk`,
    'evses without connectors': `SELECT e.pk FROM evses e WHERE NOT EXISTS (SELECT 1 FROM connectors k WHERE k.evse_pk = e.pk)`,
    'connectors without evse': `SELECT k.pk FROM connectors k LEFT JOIN evses e ON e.pk = k.evse_pk WHERE e.pk IS NULL`,
    'connectors without station': `SELECT k.pk FROM connectors k LEFT JOIN charge_stations s ON s.pk = k.station_pk WHERE s.pk IS NULL`,
    'connectors of another station than their evse': `SELECT k.pk FROM connectors k JOIN evses e ON e.pk = k.evse_pk WHERE e.station_pk <> k.station_pk`,
    'hardware templates without cpo': `SELECT h.pk FROM hardware_templates h LEFT JOIN cpos c ON c.pk = h.cpo_pk WHERE c.pk IS NULL`,
    'duplicate station ids': `SELECT UPPER(charge_station_id) FROM charge_stations GROUP BY UPPER(charge_station_id) HAVING COUNT(*) > 1`,
    'duplicate location ids': `SELECT UPPER(id) FROM locations GROUP BY UPPER(id) HAVING COUNT(*) > 1`,
    'duplicate evse uids in a cpo': `SELECT cpo_pk, UPPER(uid) FROM evses GROUP BY cpo_pk, UPPER(uid) HAVING COUNT(*) > 1`,
    'duplicate live evse_ids in a cpo': `SELECT cpo_pk, UPPER(evse_id) FROM evses WHERE status <> 'REMOVED' AND evse_id IS NOT NULL GROUP BY cpo_pk, UPPER(evse_id) HAVING COUNT(*) > 1`,
    'duplicate connector ids among the live evses of a station': `SELECT k.station_pk, k.connector_id FROM connectors k JOIN evses e ON e.pk = k.evse_pk
      WHERE e.status <> 'REMOVED' GROUP BY k.station_pk, k.connector_id HAVING COUNT(*) > 1`,
  };
  const problems: string[] = [];
  for (const [name, sql] of Object.entries(checks)) {
    const rows: unknown[] = await dataSource.query(`${sql} LIMIT 5`);
    if (rows.length) problems.push(`${name}: ${JSON.stringify(rows)}`);
  }
  return problems;
}
