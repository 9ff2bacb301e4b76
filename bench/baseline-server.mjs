// The raw baseline of the benchmark (issue 6): a minimal node:http + mysql2 server answering
// GET /api/1.0/ChargeStations/{id} with the same JSON and envelope as the service, from one
// hand-written JOIN run as a prepared statement (execute()). No framework, no ORM.
//
//   DATABASE_URL=mysql://cs:cs@127.0.0.1:3307/cs BASELINE_TOKEN=cs_… BASELINE_CPO=BENCH \
//   PORT=3100 OCPP_PUBLIC_URL=ws://localhost:3000/ocpp node bench/baseline-server.mjs
//
// Auth is a fixed token compared as a string (the service resolves its token in the database on
// every request); the CPO is looked up once at start. Binds to 127.0.0.1 only.
import { createServer } from 'node:http';
import mysql from 'mysql2/promise';

const env = process.env;
const port = Number(env.PORT ?? 3100);
const token = env.BASELINE_TOKEN ?? '';
const cpoId = env.BASELINE_CPO ?? 'BENCH';
const ocppPublicUrl = env.OCPP_PUBLIC_URL ?? `ws://localhost:${port}/ocpp`;
const defaultHeartbeat = Number(env.DEFAULT_HEARTBEAT_INTERVAL ?? 300);
if (!env.DATABASE_URL || !token) {
  console.error('DATABASE_URL and BASELINE_TOKEN are required');
  process.exit(2);
}

const pool = mysql.createPool({ uri: env.DATABASE_URL, connectionLimit: Number(env.DATABASE_POOL_SIZE ?? 10), timezone: 'Z', decimalNumbers: true });
const [[cpo]] = await pool.query('SELECT pk FROM cpos WHERE cpo_id = ?', [cpoId]);
if (!cpo) {
  console.error(`unknown CPO ${cpoId}`);
  process.exit(2);
}

// One statement: the station, its configuration, its EVSEs and their connectors. No ORDER BY (the
// TEXT columns would make MariaDB sort on disk); EVSEs and connectors are ordered below.
const SQL = `SELECT
  s.pk, s.charge_station_id, s.location_id, s.deploy_state, s.default_charge_station_tariff_id, s.charger_type,
  s.charge_station_template_id, s.name, s.remarks, s.maintenance_info, s.installation_date,
  s.default_charge_station_reimbursement_tariff_id, s.default_charge_station_directions, s.default_charge_station_floor_level,
  s.contactless_type, s.contactless_terminal_serial_number, s.contactless_terminal_auth_amount, s.tap_to_stop, s.stop_on_parking,
  s.dynamic_time_based_tariffs, s.time_of_use_tariffs, s.exclude_vat, s.status_schedule, s.auth_rules, s.created_by, s.modified_by,
  s.etag, s.created, s.modified, s.last_updated,
  c.heartbeat_interval, c.charge_point_model, c.charge_point_vendor, c.charge_point_serial_number, c.charge_box_serial_number,
  c.firmware_version, c.iccid, c.imsi, c.meter_serial_number, c.meter_type, c.remote_manageable, c.protocol_version,
  c.connectivity_status, c.client_ip_address, c.last_seen, c.station_pk AS c_station_pk,
  e.pk AS e_pk, e.uid AS e_uid, e.evse_id AS e_evse_id, e.evse_sequence_number AS e_seq, e.status AS e_status,
  e.status_schedule AS e_status_schedule, e.capabilities AS e_capabilities, e.floor_level AS e_floor_level,
  e.physical_reference AS e_physical_reference, e.latitude AS e_latitude, e.longitude AS e_longitude, e.images AS e_images,
  e.directions AS e_directions, e.parking_restrictions AS e_parking_restrictions, e.last_updated AS e_last_updated,
  k.pk AS k_pk, k.connector_id AS k_id, k.standard AS k_standard, k.format AS k_format, k.power_type AS k_power_type,
  k.voltage AS k_voltage, k.amperage AS k_amperage, k.max_electric_power AS k_max_electric_power, k.tariff_id AS k_tariff_id,
  k.reimbursement_tariff_id AS k_reimbursement_tariff_id, k.terms_and_conditions AS k_terms_and_conditions,
  k.last_updated AS k_last_updated
FROM charge_stations s
LEFT JOIN station_configurations c ON c.station_pk = s.pk
LEFT JOIN evses e ON e.station_pk = s.pk
LEFT JOIN connectors k ON k.evse_pk = e.pk
WHERE s.charge_station_id = ? AND s.cpo_pk = ?`;

const CONNECTOR_TYPES = {
  IEC_62196_T1_COMBO: { CABLE: 'CCS1_Cable', SOCKET: 'CCS1_Socket' },
  IEC_62196_T2_COMBO: { CABLE: 'CCS2_Cable', SOCKET: 'CCS2_Socket' },
  IEC_62196_T2: { SOCKET: 'Mennekes_Socket', CABLE: 'Mennekes_Cable' },
  IEC_62196_T1: { CABLE: 'Type1_Cable' },
  CHADEMO: { CABLE: 'ChaDeMo_Cable' },
};
const STATUS_PRECEDENCE = ['AVAILABLE', 'CHARGING', 'RESERVED', 'BLOCKED', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'UNKNOWN'];

const ts = (ms) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());
const json = (text) => (text === null || text === undefined ? null : JSON.parse(text));
const bool = (v) => (v === null || v === undefined ? null : v === 1 || v === true || v === '1');
const connectorType = (standard, format) =>
  standard.startsWith('DOMESTIC_') ? (format === 'SOCKET' ? `${standard}_Socket` : 'Unknown') : (CONNECTOR_TYPES[standard]?.[format] ?? 'Unknown');
const speed = (k) => {
  if (k.power_type !== 'DC') return 'Slow';
  const power = k.max_electric_power ?? k.voltage * k.amperage;
  return power > 100_000 ? 'Rapid' : 'Fast';
};

function toDto(rows) {
  const s = rows[0];
  const evses = new Map();
  for (const r of rows) {
    if (r.e_pk === null) continue;
    let e = evses.get(r.e_pk);
    if (!e) evses.set(r.e_pk, (e = { row: r, connectors: [] }));
    if (r.k_pk !== null) e.connectors.push(r);
  }
  const list = [...evses.values()].sort((a, b) => a.row.e_seq - b.row.e_seq || a.row.e_pk - b.row.e_pk);
  const hasConfig = s.c_station_pk !== null;
  const heartbeat = (hasConfig ? s.heartbeat_interval : null) ?? defaultHeartbeat;
  const lastSeen = s.last_seen === null ? null : Number(s.last_seen);
  const online = hasConfig && s.connectivity_status === 'Online' && lastSeen !== null && Date.now() - lastSeen <= 3 * heartbeat * 1000;
  const override = lastSeen !== null && !online ? 'UNKNOWN' : undefined;
  const liveStatuses = [];
  const speeds = new Set();
  const evseDtos = list.map(({ row: e, connectors }) => {
    connectors.sort((a, b) => Number(a.k_id) - Number(b.k_id));
    const removed = e.e_status === 'REMOVED';
    const connectorDtos = connectors.map((k) => ({
      id: k.k_id,
      standard: k.k_standard,
      format: k.k_format,
      power_type: k.k_power_type,
      voltage: k.k_voltage,
      amperage: k.k_amperage,
      max_electric_power: k.k_max_electric_power,
      tariff_id: k.k_tariff_id,
      reimbursement_tariff_id: k.k_reimbursement_tariff_id,
      terms_and_conditions: k.k_terms_and_conditions,
      connector_type: connectorType(k.k_standard, k.k_format),
      last_updated: ts(k.k_last_updated),
    }));
    if (!removed) {
      liveStatuses.push(override ?? e.e_status);
      for (const k of connectorDtos) speeds.add(speed(k));
    }
    return {
      uid: e.e_uid,
      evse_id: e.e_evse_id,
      evse_sequence_number: e.e_seq,
      status: removed ? 'REMOVED' : (override ?? e.e_status),
      status_schedule: json(e.e_status_schedule),
      capabilities: json(e.e_capabilities),
      connectors: connectorDtos,
      floor_level: e.e_floor_level,
      physical_reference: e.e_physical_reference,
      coordinates: e.e_latitude !== null && e.e_longitude !== null ? { latitude: e.e_latitude, longitude: e.e_longitude } : null,
      images: json(e.e_images),
      directions: json(e.e_directions),
      parking_restrictions: json(e.e_parking_restrictions),
      last_updated: ts(e.e_last_updated),
    };
  });
  const chargingSpeed = speeds.size === 0 ? null : speeds.size === 1 ? [...speeds][0] : speeds.has('Slow') ? 'Mix_AC_DC' : 'Mix_DC';
  return {
    charge_station_id: s.charge_station_id,
    location_id: s.location_id,
    deploy_state: s.deploy_state,
    status: s.deploy_state === 'Deprecated' ? 'REMOVED' : (STATUS_PRECEDENCE.find((x) => liveStatuses.includes(x)) ?? 'UNKNOWN'),
    connectivity_status: online ? 'Online' : 'Offline',
    client_ip_address: hasConfig ? s.client_ip_address : null,
    charging_speed: chargingSpeed,
    default_charge_station_tariff_id: s.default_charge_station_tariff_id,
    charger_type: s.charger_type,
    charge_station_template_id: s.charge_station_template_id,
    name: s.name,
    remarks: s.remarks,
    maintenance_info: s.maintenance_info,
    installation_date: ts(s.installation_date),
    default_charge_station_reimbursement_tariff_id: s.default_charge_station_reimbursement_tariff_id,
    default_charge_station_directions: json(s.default_charge_station_directions),
    default_charge_station_floor_level: s.default_charge_station_floor_level,
    contactless_type: s.contactless_type,
    contactless_terminal_serial_number: s.contactless_terminal_serial_number,
    contactless_terminal_auth_amount: s.contactless_terminal_auth_amount,
    tap_to_stop: bool(s.tap_to_stop),
    stop_on_parking: bool(s.stop_on_parking),
    dynamic_time_based_tariffs: bool(s.dynamic_time_based_tariffs),
    time_of_use_tariffs: bool(s.time_of_use_tariffs),
    exclude_vat: bool(s.exclude_vat),
    status_schedule: json(s.status_schedule),
    auth_rules: json(s.auth_rules),
    heartbeat_interval: heartbeat,
    charge_point_model: s.charge_point_model,
    charge_point_vendor: s.charge_point_vendor,
    charge_point_serial_number: s.charge_point_serial_number,
    charge_box_serial_number: s.charge_box_serial_number,
    firmware_version: s.firmware_version,
    iccid: s.iccid,
    imsi: s.imsi,
    meter_serial_number: s.meter_serial_number,
    meter_type: s.meter_type,
    remote_manageable: hasConfig ? bool(s.remote_manageable) : false,
    protocol_version: s.protocol_version,
    endpoint: ocppPublicUrl,
    evses: evseDtos,
    created_by: s.created_by,
    modified_by: s.modified_by,
    etag: s.etag,
    created: ts(s.created),
    modified: ts(s.modified),
    last_updated: ts(s.last_updated),
  };
}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
const error = (code, message, statusCode = 2000) => ({ status_code: statusCode, status_message: message, timestamp: new Date().toISOString() });

const PREFIX = '/api/1.0/ChargeStations/';
const server = createServer((req, res) => {
  const auth = req.headers.authorization ?? '';
  if (auth !== `Token ${token}` && auth !== `Bearer ${token}`) return send(res, 401, error(401, 'Unauthorized'));
  const path = req.url.split('?')[0];
  if (req.method !== 'GET' || !path.startsWith(PREFIX) || path.length === PREFIX.length || path.indexOf('/', PREFIX.length) !== -1) {
    return send(res, 404, error(404, 'Not found'));
  }
  const id = decodeURIComponent(path.slice(PREFIX.length));
  pool.execute(SQL, [id, cpo.pk]).then(
    ([rows]) => {
      if (rows.length === 0) return send(res, 404, error(404, `Charge station ${id} not found`));
      const data = toDto(rows);
      send(res, 200, { data, status_code: 1000, status_message: 'Success', timestamp: new Date().toISOString() }, { etag: `"${data.etag}"` });
    },
    (e) => send(res, 500, error(500, String(e?.message ?? e), 3000)),
  );
});
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`baseline listening on 127.0.0.1:${port}\n`));
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
