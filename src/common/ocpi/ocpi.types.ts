/** OCPI (2.1.1/2.2.1) value types shared by Locations, Charge Stations and EVSEs, plus GreenFlux additions. */

export const LOCATION_TYPES = [
  'ON_STREET',
  'PARKING_GARAGE',
  'UNDERGROUND_GARAGE',
  'PARKING_LOT',
  'OTHER',
  'UNKNOWN',
] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

export const FACILITIES = [
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
export type Facility = (typeof FACILITIES)[number];

export const ACCESS_TYPES = ['PUBLIC', 'RESTRICTED', 'PRIVATE'] as const;
export type AccessType = (typeof ACCESS_TYPES)[number];

export const AUTH_RULE_TYPES = ['CustomerExternalId', 'ClosedGroups', 'HomeToken'] as const;
export type AuthRuleType = (typeof AUTH_RULE_TYPES)[number];

export interface DisplayText {
  language: string;
  text: string;
}

export interface RegularHours {
  weekday: number;
  period_begin: string;
  period_end: string;
}

export interface ExceptionalPeriod {
  period_begin: string;
  period_end: string;
}

export interface Hours {
  twentyfourseven: boolean;
  regular_hours?: RegularHours[];
  exceptional_openings?: ExceptionalPeriod[];
  exceptional_closings?: ExceptionalPeriod[];
}

export interface AuthRule {
  type: AuthRuleType;
  value: string;
}

export interface EnergyMix {
  energy_mix_profile_id: string;
}

export interface CustomGroup {
  name: string;
  external_id: string;
}

export interface CustomisedField {
  type: string;
  value: string;
}

export interface GeoLocation {
  latitude: string;
  longitude: string;
}

export interface BusinessDetails {
  name: string;
  website: string | null;
  logo: null;
}
