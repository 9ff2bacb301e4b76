/**
 * The OCPI 2.2.1 Locations module's objects as this service sends them (mod_locations.asciidoc and
 * types.asciidoc of github.com/ocpi/ocpi, branch release-2.2.1-bugfixes). An optional field is left
 * out, never sent as null. The JSON Schemas in test/ocpi/schemas say the same from the tables, and
 * judge the mapping's output in the tests.
 */

export const OCPI_VERSION = '2.2.1';

export const OCPI_STATUSES = [
  'AVAILABLE',
  'BLOCKED',
  'CHARGING',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'REMOVED',
  'RESERVED',
  'UNKNOWN',
] as const;
export type OcpiStatus = (typeof OCPI_STATUSES)[number];

export const OCPI_CAPABILITIES = [
  'CHARGING_PROFILE_CAPABLE',
  'CHARGING_PREFERENCES_CAPABLE',
  'CHIP_CARD_SUPPORT',
  'CONTACTLESS_CARD_SUPPORT',
  'CREDIT_CARD_PAYABLE',
  'DEBIT_CARD_PAYABLE',
  'PED_TERMINAL',
  'REMOTE_START_STOP_CAPABLE',
  'RESERVABLE',
  'RFID_READER',
  'START_SESSION_CONNECTOR_REQUIRED',
  'TOKEN_GROUP_CAPABLE',
  'UNLOCK_CAPABLE',
] as const;
export type OcpiCapability = (typeof OCPI_CAPABILITIES)[number];

export const OCPI_CONNECTOR_TYPES = [
  'CHADEMO',
  'CHAOJI',
  'DOMESTIC_A',
  'DOMESTIC_B',
  'DOMESTIC_C',
  'DOMESTIC_D',
  'DOMESTIC_E',
  'DOMESTIC_F',
  'DOMESTIC_G',
  'DOMESTIC_H',
  'DOMESTIC_I',
  'DOMESTIC_J',
  'DOMESTIC_K',
  'DOMESTIC_L',
  'DOMESTIC_M',
  'DOMESTIC_N',
  'DOMESTIC_O',
  'GBT_AC',
  'GBT_DC',
  'IEC_60309_2_single_16',
  'IEC_60309_2_three_16',
  'IEC_60309_2_three_32',
  'IEC_60309_2_three_64',
  'IEC_62196_T1',
  'IEC_62196_T1_COMBO',
  'IEC_62196_T2',
  'IEC_62196_T2_COMBO',
  'IEC_62196_T3A',
  'IEC_62196_T3C',
  'NEMA_5_20',
  'NEMA_6_30',
  'NEMA_6_50',
  'NEMA_10_30',
  'NEMA_10_50',
  'NEMA_14_30',
  'NEMA_14_50',
  'PANTOGRAPH_BOTTOM_UP',
  'PANTOGRAPH_TOP_DOWN',
  'TESLA_R',
  'TESLA_S',
] as const;
export type OcpiConnectorType = (typeof OCPI_CONNECTOR_TYPES)[number];

export const OCPI_CONNECTOR_FORMATS = ['SOCKET', 'CABLE'] as const;
export type OcpiConnectorFormat = (typeof OCPI_CONNECTOR_FORMATS)[number];

export const OCPI_POWER_TYPES = ['AC_1_PHASE', 'AC_2_PHASE', 'AC_2_PHASE_SPLIT', 'AC_3_PHASE', 'DC'] as const;
export type OcpiPowerType = (typeof OCPI_POWER_TYPES)[number];

export const OCPI_PARKING_TYPES = [
  'ALONG_MOTORWAY',
  'PARKING_GARAGE',
  'PARKING_LOT',
  'ON_DRIVEWAY',
  'ON_STREET',
  'UNDERGROUND_GARAGE',
] as const;
export type OcpiParkingType = (typeof OCPI_PARKING_TYPES)[number];

export const OCPI_PARKING_RESTRICTIONS = ['EV_ONLY', 'PLUGGED', 'DISABLED', 'CUSTOMERS', 'MOTORCYCLES'] as const;
export type OcpiParkingRestriction = (typeof OCPI_PARKING_RESTRICTIONS)[number];

export const OCPI_FACILITIES = [
  'HOTEL',
  'RESTAURANT',
  'CAFE',
  'MALL',
  'SUPERMARKET',
  'SPORT',
  'RECREATION_AREA',
  'NATURE',
  'MUSEUM',
  'BIKE_SHARING',
  'BUS_STOP',
  'TAXI_STAND',
  'TRAM_STOP',
  'METRO_STATION',
  'TRAIN_STATION',
  'AIRPORT',
  'PARKING_LOT',
  'CARPOOL_PARKING',
  'FUEL_STATION',
  'WIFI',
] as const;
export type OcpiFacility = (typeof OCPI_FACILITIES)[number];

export const OCPI_IMAGE_CATEGORIES = ['CHARGER', 'ENTRANCE', 'LOCATION', 'NETWORK', 'OPERATOR', 'OTHER', 'OWNER'] as const;
export type OcpiImageCategory = (typeof OCPI_IMAGE_CATEGORIES)[number];

export const OCPI_ENERGY_SOURCE_CATEGORIES = [
  'NUCLEAR',
  'GENERAL_FOSSIL',
  'COAL',
  'GAS',
  'GENERAL_GREEN',
  'SOLAR',
  'WIND',
  'WATER',
] as const;
export type OcpiEnergySourceCategory = (typeof OCPI_ENERGY_SOURCE_CATEGORIES)[number];

export const OCPI_ENVIRONMENTAL_IMPACT_CATEGORIES = ['NUCLEAR_WASTE', 'CARBON_DIOXIDE'] as const;
export type OcpiEnvironmentalImpactCategory = (typeof OCPI_ENVIRONMENTAL_IMPACT_CATEGORIES)[number];

export const OCPI_TOKEN_TYPES = ['AD_HOC_USER', 'APP_USER', 'OTHER', 'RFID'] as const;
export type OcpiTokenType = (typeof OCPI_TOKEN_TYPES)[number];

/** RFC 3339 in UTC, string(25); this service always writes `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
export type OcpiDateTime = string;

export interface OcpiDisplayText {
  language: string;
  text: string;
}

export interface OcpiGeoLocation {
  latitude: string;
  longitude: string;
}

export interface OcpiAdditionalGeoLocation extends OcpiGeoLocation {
  name?: OcpiDisplayText;
}

export interface OcpiImage {
  url: string;
  thumbnail?: string;
  category: OcpiImageCategory;
  type: string;
  width?: number;
  height?: number;
}

export interface OcpiBusinessDetails {
  name: string;
  website?: string;
  logo?: OcpiImage;
}

export interface OcpiRegularHours {
  weekday: number;
  period_begin: string;
  period_end: string;
}

export interface OcpiExceptionalPeriod {
  period_begin: OcpiDateTime;
  period_end: OcpiDateTime;
}

export interface OcpiHours {
  twentyfourseven: boolean;
  regular_hours?: OcpiRegularHours[];
  exceptional_openings?: OcpiExceptionalPeriod[];
  exceptional_closings?: OcpiExceptionalPeriod[];
}

export interface OcpiEnergySource {
  source: OcpiEnergySourceCategory;
  percentage: number;
}

export interface OcpiEnvironmentalImpact {
  category: OcpiEnvironmentalImpactCategory;
  amount: number;
}

export interface OcpiEnergyMix {
  is_green_energy: boolean;
  energy_sources?: OcpiEnergySource[];
  environ_impact?: OcpiEnvironmentalImpact[];
  supplier_name?: string;
  energy_product_name?: string;
}

export interface OcpiPublishTokenType {
  uid?: string;
  type?: OcpiTokenType;
  visual_number?: string;
  issuer?: string;
  group_id?: string;
}

export interface OcpiStatusSchedule {
  period_begin: OcpiDateTime;
  period_end?: OcpiDateTime;
  status: OcpiStatus;
}

export interface OcpiConnector {
  id: string;
  standard: OcpiConnectorType;
  format: OcpiConnectorFormat;
  power_type: OcpiPowerType;
  max_voltage: number;
  max_amperage: number;
  max_electric_power?: number;
  tariff_ids?: string[];
  terms_and_conditions?: string;
  last_updated: OcpiDateTime;
}

export interface OcpiEvse {
  uid: string;
  evse_id?: string;
  status: OcpiStatus;
  status_schedule?: OcpiStatusSchedule[];
  capabilities?: OcpiCapability[];
  connectors: OcpiConnector[];
  floor_level?: string;
  coordinates?: OcpiGeoLocation;
  physical_reference?: string;
  directions?: OcpiDisplayText[];
  parking_restrictions?: OcpiParkingRestriction[];
  images?: OcpiImage[];
  last_updated: OcpiDateTime;
}

export interface OcpiLocation {
  country_code: string;
  party_id: string;
  id: string;
  publish: boolean;
  publish_allowed_to?: OcpiPublishTokenType[];
  name?: string;
  address: string;
  city: string;
  postal_code?: string;
  state?: string;
  country: string;
  coordinates: OcpiGeoLocation;
  related_locations?: OcpiAdditionalGeoLocation[];
  parking_type?: OcpiParkingType;
  evses?: OcpiEvse[];
  directions?: OcpiDisplayText[];
  operator?: OcpiBusinessDetails;
  suboperator?: OcpiBusinessDetails;
  owner?: OcpiBusinessDetails;
  facilities?: OcpiFacility[];
  time_zone: string;
  opening_times?: OcpiHours;
  charging_when_closed?: boolean;
  images?: OcpiImage[];
  energy_mix?: OcpiEnergyMix;
  last_updated: OcpiDateTime;
}
