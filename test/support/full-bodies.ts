/**
 * Valid write bodies with every writable property set, nested ones included (arrays with one item),
 * so that a test that changes one property at any depth finds its parent in place: the null table
 * (test/contract/null-table.e2e-spec.ts) and the fuzzer (test/reliability/fuzz.e2e-spec.ts).
 */
export type Json = Record<string, any>;

const coordinates = () => ({ latitude: '52.37403', longitude: '4.88969' });
const directions = () => [{ language: 'en', text: 'Entrance at the back' }];
const authRules = () => [{ type: 'ClosedGroups', value: 'fleet-amsterdam' }];
const schedule = () => [{ period_begin: '2026-12-01T08:00:00.000Z', period_end: '2026-12-01T17:00:00.000Z', status: 'INOPERATIVE', status_message: 'Maintenance' }];

export const fullLocation = (id: string, cpoId = 'ACME'): Json => ({
  id,
  cpo_id: cpoId,
  name: 'Central Station P1',
  address: 'Stationsplein 1',
  address_line_2: 'Level -1',
  city: 'Amsterdam',
  postal_code: '1012AB',
  state: 'Noord-Holland',
  country: 'NLD',
  coordinates: coordinates(),
  type: 'PARKING_LOT',
  publish: true,
  directions: directions(),
  facilities: ['CAFE'],
  time_zone: 'Europe/Amsterdam',
  opening_times: {
    twentyfourseven: false,
    regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }],
    exceptional_openings: [{ period_begin: '2026-12-27T08:00:00.000Z', period_end: '2026-12-27T12:00:00.000Z' }],
    exceptional_closings: [{ period_begin: '2026-12-25T00:00:00.000Z', period_end: '2026-12-26T00:00:00.000Z' }],
  },
  remarks: 'Remarks',
  maintenance_info: 'Maintenance info',
  cpo_customer_external_id: 'CUST-1',
  access_type: 'PUBLIC',
  auth_rules: authRules(),
  energy_mix: { energy_mix_profile_id: 'green-2026' },
  payment_provider: 'Provider',
  wallet_id: 'WALLET-1',
  custom_groups: [{ name: 'Region North', external_id: 'RN-01' }],
  customised_fields: [{ type: 'site_code', value: 'AMS-042' }],
  created_by: 'full-body',
  modified_by: 'full-body',
});

export const fullConnector = (id: string): Json => ({
  id,
  standard: 'IEC_62196_T2',
  format: 'SOCKET',
  power_type: 'AC_3_PHASE',
  voltage: 230,
  amperage: 32,
  max_electric_power: 22000,
  tariff_id: 'TARIFF-AC-1',
  reimbursement_tariff_id: 'TARIFF-RB-1',
  terms_and_conditions: 'https://example.com/terms',
});

export const fullEvse = (uid: string, evseId: string, connectorId = '1'): Json => ({
  uid,
  evse_id: evseId,
  evse_sequence_number: 1,
  status: 'AVAILABLE',
  status_schedule: schedule(),
  capabilities: ['RFID_READER'],
  connectors: [fullConnector(connectorId)],
  floor_level: '-1',
  physical_reference: 'Bay 3',
  coordinates: coordinates(),
  images: [{ url: 'https://example.com/charger.jpg', thumbnail: 'https://example.com/thumb.jpg', category: 'CHARGER', type: 'jpeg', width: 640, height: 480 }],
  directions: directions(),
  parking_restrictions: ['EV_ONLY'],
});

/** A station's own fields: everything but `evses` and `charge_station_template_id` (the PATCH body). */
export const fullStationFields = (id: string, locationId: string): Json => ({
  charge_station_id: id,
  location_id: locationId,
  deploy_state: 'Production',
  default_charge_station_tariff_id: 'TARIFF-STD',
  charger_type: 'Public',
  name: 'Bay 1',
  remarks: 'Remarks',
  maintenance_info: 'Maintenance info',
  installation_date: '2026-03-01T09:00:00.000Z',
  default_charge_station_reimbursement_tariff_id: 'TARIFF-RB',
  default_charge_station_directions: directions(),
  default_charge_station_floor_level: '0',
  contactless_type: 'Payter',
  contactless_terminal_serial_number: 'SN-1',
  contactless_terminal_auth_amount: 25,
  tap_to_stop: true,
  stop_on_parking: false,
  dynamic_time_based_tariffs: false,
  time_of_use_tariffs: false,
  exclude_vat: false,
  status_schedule: schedule(),
  auth_rules: authRules(),
  created_by: 'full-body',
  modified_by: 'full-body',
});

export const fullStation = (id: string, locationId: string, evses: Json[]): Json => ({ ...fullStationFields(id, locationId), evses });

export const fullTemplate = (id: string, tenantId = 'ACME'): Json => ({
  template_id: id,
  name: 'Alfen Eve Double Pro-line',
  tenant_id: tenantId,
  evse_templates: [
    {
      evse_sequence_number: 1,
      capabilities: ['RFID_READER'],
      connector_templates: [{ id: 1, standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32, max_electric_power: 22000 }],
    },
  ],
});

/** `body` without the named keys (e.g. the connector PATCH body: a connector without `id`). */
export const without = (body: Json, ...keys: string[]): Json => Object.fromEntries(Object.entries(body).filter(([key]) => !keys.includes(key)));
