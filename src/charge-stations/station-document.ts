import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { JsonParts } from '../common/json-parts.js';
import { formatTimestamp } from '../common/time.js';
import { loadSettings, type Settings } from '../config/settings.js';
import { change, isSqlite } from '../database/prepared.js';
import type { StationConfiguration } from '../station-config/station-configuration.entity.js';
import type { ChargeStation } from './charge-station.entity.js';
import type { ChargeStationDto } from './dto/charge-station.dto.js';
import { connectivity, offlineStatusOverride, reportedFields, toChargeStationDto } from './charge-station.mapper.js';
import { type EvseStatus, stationStatus } from './rules/station-status.js';
import { type LiveEvse, loadStationsByPk, type StationAggregate } from './station-query.js';

/**
 * A station's document: its answer (toChargeStationDto) serialised once per version, so that GET of
 * a station and list pages send stored bytes instead of building and serialising objects. What
 * moves without the station's etag is left out as holes, filled from the database at read time:
 * - the station's `status` (`S`, from its EVSEs' live statuses), `connectivity_status` (`C`, derived
 *   from the time the charger last spoke), `client_ip_address` (`I`), and the charger-reported
 *   fields (`R`: the run of keys from `heartbeat_interval` to `endpoint`, the latter a setting);
 * - each EVSE's `status` (`e<pk>`) and `last_updated` (`t<pk>`).
 * Stored form: text pieces and hole names alternating, separated by U+0001, which JSON text never
 * contains (JSON.stringify escapes every control character). A hole stands for a whole
 * `"key":value` member.
 */

/** Marks a hole while a document is built: random per process, so no stored value can pose as one. */
const MARK = `\u0001${randomBytes(12).toString('hex')}:`;
/** A marked member as JSON.stringify writes it (the mark's U+0001 escaped as `\u0001`). */
const MARKED_MEMBER = new RegExp(`"[a-z_]+":"\\\\u0001${MARK.slice(1)}([A-Za-z0-9]+)"`, 'g');
const SEPARATOR = '\u0001';
const SEPARATOR_BYTE = 1;

export interface StationDocument {
  stationPk: number;
  etag: string;
  body: string;
}

/**
 * What documents are rendered with. Settings reach a station's answer only through its holes (the
 * default heartbeat interval, the OCPP endpoint), so a document is the same whatever they are.
 */
let renderSettings: Settings | undefined;

/**
 * The document of a station as read whole (the live parts it holds are ignored), from its answer when
 * the caller has made it already (a write answers with it), else from a new one.
 */
export function renderDocument(aggregate: StationAggregate, answer?: ChargeStationDto): StationDocument {
  renderSettings ??= loadSettings({});
  const settings = renderSettings;
  const base = answer ?? toChargeStationDto(aggregate, settings);
  // Copies with the marks in place (an existing key keeps its position in the copy).
  const view: Record<string, unknown> = {
    ...base,
    status: `${MARK}S`,
    connectivity_status: `${MARK}C`,
    client_ip_address: `${MARK}I`,
    evses: base.evses.map((evse, index) => {
      const { pk } = aggregate.evses[index].evse;
      return { ...evse, status: `${MARK}e${pk}`, last_updated: `${MARK}t${pk}` };
    }),
  };
  const [firstReported, ...otherReported] = Object.keys(reportedFields(undefined, settings));
  view[firstReported] = `${MARK}R`;
  for (const key of otherReported) delete view[key];
  let holes = 0;
  const body = JSON.stringify(view).replace(MARKED_MEMBER, (_member, name: string) => {
    holes++;
    return `${SEPARATOR}${name}${SEPARATOR}`;
  });
  // Every mark must have become a hole (a key renamed in the mapper would otherwise be missed).
  if (holes !== 4 + 2 * aggregate.evses.length) throw new Error(`station document of ${aggregate.station.chargeStationId}: ${holes} holes`);
  return { stationPk: aggregate.station.pk, etag: aggregate.station.etag, body };
}

/** What fills a document's holes: the station's current row, configuration and EVSE statuses. */
export interface LiveState {
  deployState: ChargeStation['deployState'];
  config: StationConfiguration | undefined;
  /** The station's EVSEs (all of them, no other station's), by pk. */
  evses: Map<number, LiveEvse>;
}

/**
 * The station's answer as JSON: the document's bytes (UTF-8) and the texts of its holes, in the
 * order they are to be sent, appended to `out` (the document's bytes are not copied). Returns
 * false, appending nothing, when the live EVSEs are not the document's (the station changed between
 * the reads, or an EVSE was added without a new etag): the caller reads it whole instead.
 */
export function fillDocument(body: Buffer, live: LiveState, settings: Settings, now: number, out: JsonParts): boolean {
  const start = out.length;
  const override = offlineStatusOverride(live.config, settings, now);
  const statuses: EvseStatus[] = [];
  // The station's status needs every EVSE's first: its hole is filled at the end.
  let statusPart = -1;
  let evseHoles = 0;
  let at = 0;
  for (;;) {
    const open = body.indexOf(SEPARATOR_BYTE, at);
    if (open < 0) break;
    const close = body.indexOf(SEPARATOR_BYTE, open + 1);
    out.bytes(body, at, open);
    const kind = body[open + 1];
    if (kind === HOLE.evseStatus || kind === HOLE.evseLastUpdated) {
      let pk = 0;
      for (let i = open + 2; i < close; i++) pk = pk * 10 + body[i] - 0x30;
      const evse = live.evses.get(pk);
      if (!evse) {
        out.truncate(start);
        return false;
      }
      if (kind === HOLE.evseStatus) {
        evseHoles++;
        const shown = evse.status === 'REMOVED' ? 'REMOVED' : (override ?? evse.status);
        if (evse.status !== 'REMOVED') statuses.push(shown);
        out.text(`"status":"${shown}"`);
      } else {
        out.text(`"last_updated":"${formatTimestamp(evse.lastUpdated)}"`);
      }
    } else if (kind === HOLE.status) {
      statusPart = out.text('');
    } else if (kind === HOLE.connectivity) {
      out.text(`"connectivity_status":"${connectivity(live.config, settings, now)}"`);
    } else if (kind === HOLE.clientIp) {
      out.text(`"client_ip_address":${JSON.stringify(live.config?.clientIpAddress ?? null)}`);
    } else {
      out.text(JSON.stringify(reportedFields(live.config, settings)).slice(1, -1));
    }
    at = close + 1;
  }
  // An EVSE the document does not know (one added without a new etag): read the station whole.
  if (evseHoles !== live.evses.size) {
    out.truncate(start);
    return false;
  }
  out.bytes(body, at, body.length);
  if (statusPart >= 0) out.setText(statusPart, `"status":"${stationStatus(live.deployState, statuses)}"`);
  return true;
}

/** The first byte of each hole's name (render writes them; an EVSE's are followed by its pk). */
const HOLE = { status: 0x53, connectivity: 0x43, clientIp: 0x49, reported: 0x52, evseStatus: 0x65, evseLastUpdated: 0x74 } as const;

/**
 * Stores documents (replacing older ones of the same stations): inside the transaction of `manager`
 * when it has one, else as one statement of its own.
 */
export async function saveDocuments(manager: EntityManager, documents: StationDocument[]): Promise<void> {
  const upsert = isSqlite(manager.connection)
    ? 'ON CONFLICT (station_pk) DO UPDATE SET etag = excluded.etag, body = excluded.body'
    : 'ON DUPLICATE KEY UPDATE etag = VALUES(etag), body = VALUES(body)';
  // At most 100 per statement: a document is a few KB, a statement stays well under max_allowed_packet.
  for (let start = 0; start < documents.length; start += 100) {
    const chunk = documents.slice(start, start + 100);
    await change(
      manager,
      `INSERT INTO station_documents (station_pk, etag, body) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')} ${upsert}`,
      chunk.flatMap((d) => [d.stationPk, d.etag, Buffer.from(d.body)]),
    );
  }
}

/**
 * Reads these stations whole and stores their documents, with `manager` (in a transaction, so that
 * its reads see one state of each station: MariaDB's snapshot, SQLite's queue). Returns the stations.
 */
export async function storeDocuments(manager: EntityManager, pks: number[]): Promise<StationAggregate[]> {
  const aggregates = await loadStationsByPk(manager, [...pks].sort((a, b) => a - b));
  await saveDocuments(manager, aggregates.map((a) => renderDocument(a)));
  return aggregates;
}
