import { randomBytes } from 'node:crypto';
import type { JsonBuilder } from './json-builder.js';
import { loadSettings, type Settings } from '../../settings/settings.js';
import type { StationConfiguration } from '../../station-config/station-configuration.entity.js';
import type { ChargeStation } from '../charge-station.entity.js';
import type { ConnectivityStatus } from '../charge-station.types.js';
import type { ChargeStationDto } from '../dto/charge-station.dto.js';
import { connectivity, offlineStatusOverride, type ReportedFields, reportedFields, toChargeStationDto } from '../charge-station.mapper.js';
import { EVSE_STATUSES, type EvseStatus, stationStatus } from '../rules/station-status.js';
import type { LiveEvse, StationAggregate } from './station-rows.js';

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
 * The station's answer as JSON (UTF-8): the document's bytes with its holes filled, appended to
 * `out`. Returns false, appending nothing, when the live EVSEs are not the document's (the station
 * changed between the reads, or an EVSE was added without a new etag): the caller reads it whole
 * instead.
 */
export function fillDocument(body: Buffer, live: LiveState, settings: Settings, now: number, out: JsonBuilder): boolean {
  const start = out.length;
  const override = offlineStatusOverride(live.config, settings, now);
  // The station's status from every EVSE (its hole comes first); if the document's EVSEs are not
  // exactly these, nothing of this is sent.
  const statuses: EvseStatus[] = [];
  for (const evse of live.evses.values()) if (evse.status !== 'REMOVED') statuses.push(override ?? evse.status);
  let evseHoles = 0;
  let at = 0;
  for (;;) {
    const open = body.indexOf(SEPARATOR_BYTE, at);
    if (open < 0) break;
    out.bytes(body, at, open);
    const kind = body[open + 1];
    let close = open + 2;
    if (kind === HOLE.evseStatus || kind === HOLE.evseLastUpdated) {
      let pk = 0;
      for (; close < body.length && body[close] !== SEPARATOR_BYTE; close++) pk = pk * 10 + (body[close] - 0x30);
      const evse = live.evses.get(pk);
      if (!evse) {
        out.truncate(start);
        return false;
      }
      if (kind === HOLE.evseStatus) {
        evseHoles++;
        out.ascii(STATUS_MEMBER[evse.status === 'REMOVED' ? 'REMOVED' : (override ?? evse.status)]);
      } else {
        out.ascii('"last_updated":"');
        out.timestamp(evse.lastUpdated);
        out.ascii('"');
      }
    } else {
      while (close < body.length && body[close] !== SEPARATOR_BYTE) close++;
      if (kind === HOLE.status) {
        out.ascii(STATUS_MEMBER[stationStatus(live.deployState, statuses)]);
      } else if (kind === HOLE.connectivity) {
        out.ascii(CONNECTIVITY_MEMBER[connectivity(live.config, settings, now)]);
      } else if (kind === HOLE.clientIp) {
        out.ascii('"client_ip_address":');
        writeValue(out, live.config?.clientIpAddress ?? null);
      } else {
        writeReported(out, reportedFields(live.config, settings));
      }
    }
    at = close + 1;
  }
  // An EVSE the document does not know (one added without a new etag): read the station whole.
  if (evseHoles !== live.evses.size) {
    out.truncate(start);
    return false;
  }
  out.bytes(body, at, body.length);
  return true;
}

const STATUS_MEMBER = Object.fromEntries(EVSE_STATUSES.map((status) => [status, `"status":"${status}"`])) as Record<EvseStatus, string>;
const CONNECTIVITY_MEMBER: Record<ConnectivityStatus, string> = {
  Online: '"connectivity_status":"Online"',
  Offline: '"connectivity_status":"Offline"',
};
/** The reported fields' keys as written before each value, in the mapper's order. */
const REPORTED_KEYS = Object.keys(reportedFields(undefined, loadSettings({}))) as (keyof ReportedFields)[];
const REPORTED_PREFIXES = REPORTED_KEYS.map((key, i) => `${i === 0 ? '' : ','}${JSON.stringify(key)}:`);

/** `NULL_RUNS[i][j]`: the members of reported fields i to j when all of them are null, as bytes. */
const NULL_RUNS = REPORTED_KEYS.map((_, i) => REPORTED_KEYS.map((_key, j) => Buffer.from(REPORTED_PREFIXES.slice(i, j + 1).map((prefix) => `${prefix}null`).join(''))));

/**
 * The members of the reported fields, as `JSON.stringify` writes them inside the object. Fields a
 * charger has not reported (null) are written a run at a time.
 */
function writeReported(out: JsonBuilder, fields: ReportedFields): void {
  const count = REPORTED_KEYS.length;
  for (let i = 0; i < count; ) {
    const value = fields[REPORTED_KEYS[i]];
    if (value === null) {
      let last = i;
      while (last + 1 < count && fields[REPORTED_KEYS[last + 1]] === null) last++;
      const run = NULL_RUNS[i][last];
      out.bytes(run, 0, run.length);
      i = last + 1;
    } else {
      out.ascii(REPORTED_PREFIXES[i]);
      writeValue(out, value);
      i++;
    }
  }
}

/** A JSON value as JSON.stringify writes it; strings of plain printable ASCII without its encoder. */
function writeValue(out: JsonBuilder, value: string | number | boolean | null): void {
  if (value === null) {
    out.ascii('null');
  } else if (typeof value === 'string') {
    if (PLAIN_ASCII.test(value)) {
      out.ascii('"');
      out.ascii(value);
      out.ascii('"');
    } else {
      out.text(JSON.stringify(value));
    }
  } else if (typeof value === 'boolean') {
    out.ascii(value ? 'true' : 'false');
  } else {
    out.ascii(Number.isFinite(value) ? String(value) : 'null');
  }
}

/** Strings JSON.stringify writes as they are, between quotes. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** The first byte of each hole's name (render writes them; an EVSE's are followed by its pk). */
const HOLE = { status: 0x53, connectivity: 0x43, clientIp: 0x49, reported: 0x52, evseStatus: 0x65, evseLastUpdated: 0x74 } as const;
