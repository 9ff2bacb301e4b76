import type { Cpo } from '../auth/cpo.entity.js';
import type {
  AuthRule,
  CustomGroup,
  CustomisedField,
  DisplayText,
  ExceptionalPeriod,
  Hours,
} from '../common/ocpi/ocpi.types.js';
import { changedColumns } from '../common/changes.js';
import { formatTimestamp } from '../common/time.js';
import type { LocationDto } from './dto/location.dto.js';
import type { LocationWriteDto } from './dto/location-write.dto.js';
import type { Location } from './location.entity.js';

/** The columns a client controls. Two locations with equal fields are the same version. */
export type LocationFields = Pick<
  Location,
  | 'name'
  | 'address'
  | 'addressLine2'
  | 'city'
  | 'postalCode'
  | 'state'
  | 'country'
  | 'latitude'
  | 'longitude'
  | 'lat'
  | 'lng'
  | 'type'
  | 'publish'
  | 'directions'
  | 'facilities'
  | 'timeZone'
  | 'openingTimes'
  | 'remarks'
  | 'maintenanceInfo'
  | 'cpoCustomerExternalId'
  | 'accessType'
  | 'authRules'
  | 'energyMix'
  | 'paymentProvider'
  | 'walletId'
  | 'customGroups'
  | 'customisedFields'
  | 'createdBy'
  | 'modifiedBy'
>;

export const NOT_PROVIDED = 'Not Provided';

const displayTexts = (list: DisplayText[]) => list.map(({ language, text }) => ({ language, text }));
const periods = (list: ExceptionalPeriod[]) => list.map(({ period_begin, period_end }) => ({ period_begin, period_end }));

function hours(value: Hours): Hours {
  const result: Hours = { twentyfourseven: value.twentyfourseven };
  if (value.regular_hours) {
    result.regular_hours = value.regular_hours.map(({ weekday, period_begin, period_end }) => ({
      weekday,
      period_begin,
      period_end,
    }));
  }
  if (value.exceptional_openings) result.exceptional_openings = periods(value.exceptional_openings);
  if (value.exceptional_closings) result.exceptional_closings = periods(value.exceptional_closings);
  return result;
}

const authRules = (list: AuthRule[]) => list.map(({ type, value }) => ({ type, value }));
const customGroups = (list: CustomGroup[]) => list.map(({ name, external_id }) => ({ name, external_id }));
const customisedFields = (list: CustomisedField[]) => list.map(({ type, value }) => ({ type, value }));

function orNull<T, U>(value: T | null | undefined, map: (v: T) => U): U | null {
  return value === null || value === undefined ? null : map(value);
}

/**
 * Maps one wire field of a write body onto the columns it sets. Nested values are rebuilt key by
 * key, so the stored JSON has a canonical shape whatever order the client sent its keys in.
 */
const WIRE_FIELDS: { [K in keyof LocationWriteDto]?: (value: LocationWriteDto[K]) => Partial<LocationFields> } = {
  name: (v) => ({ name: v }),
  address: (v) => ({ address: v }),
  address_line_2: (v) => ({ addressLine2: v ?? null }),
  city: (v) => ({ city: v }),
  postal_code: (v) => ({ postalCode: v }),
  state: (v) => ({ state: v ?? null }),
  country: (v) => ({ country: v }),
  coordinates: (v) => ({
    latitude: v?.latitude ?? null,
    longitude: v?.longitude ?? null,
    lat: v ? Number(v.latitude) : null,
    lng: v ? Number(v.longitude) : null,
  }),
  type: (v) => ({ type: v ?? 'UNKNOWN' }),
  publish: (v) => ({ publish: v ?? true }),
  directions: (v) => ({ directions: orNull(v, displayTexts) }),
  facilities: (v) => ({ facilities: orNull(v, (list) => [...list]) }),
  time_zone: (v) => ({ timeZone: v ?? null }),
  opening_times: (v) => ({ openingTimes: orNull(v, hours) }),
  remarks: (v) => ({ remarks: v ?? null }),
  maintenance_info: (v) => ({ maintenanceInfo: v ?? null }),
  cpo_customer_external_id: (v) => ({ cpoCustomerExternalId: v ?? null }),
  access_type: (v) => ({ accessType: v ?? null }),
  auth_rules: (v) => ({ authRules: orNull(v, authRules) }),
  energy_mix: (v) => ({ energyMix: orNull(v, ({ energy_mix_profile_id }) => ({ energy_mix_profile_id })) }),
  payment_provider: (v) => ({ paymentProvider: v ?? null }),
  wallet_id: (v) => ({ walletId: v ?? null }),
  custom_groups: (v) => ({ customGroups: orNull(v, customGroups) }),
  customised_fields: (v) => ({ customisedFields: orNull(v, customisedFields) }),
  created_by: (v) => ({ createdBy: v ?? NOT_PROVIDED }),
  modified_by: (v) => ({ modifiedBy: v ?? NOT_PROVIDED }),
};

/** Fields of a full write (POST, PUT): everything not sent takes its default. */
export function fieldsFromWrite(body: LocationWriteDto): LocationFields {
  const fields = {} as LocationFields;
  for (const [key, map] of Object.entries(WIRE_FIELDS)) {
    Object.assign(fields, (map as (v: unknown) => Partial<LocationFields>)(body[key as keyof LocationWriteDto]));
  }
  return fields;
}

/** Fields after a PATCH: only the keys present in the body change. */
export function fieldsAfterPatch(current: LocationFields, body: Partial<LocationWriteDto>): LocationFields {
  const fields = { ...current };
  for (const [key, map] of Object.entries(WIRE_FIELDS)) {
    if (Object.prototype.hasOwnProperty.call(body, key)) {
      Object.assign(fields, (map as (v: unknown) => Partial<LocationFields>)(body[key as keyof LocationWriteDto]));
    }
  }
  return fields;
}

export function fieldsOf(location: Location): LocationFields {
  const fields = {} as LocationFields;
  for (const key of Object.keys(fieldsFromWrite({} as LocationWriteDto)) as (keyof LocationFields)[]) {
    (fields as Record<string, unknown>)[key] = location[key];
  }
  return fields;
}

export function sameFields(a: LocationFields, b: LocationFields): boolean {
  return Object.keys(changedColumns(a, b)).length === 0;
}

export function toLocationDto(location: Location, cpo: Cpo, evses: LocationDto['evses']): LocationDto {
  const view: LocationDto = {
    id: location.id,
    cpo_id: cpo.cpoId,
    type: location.type,
    name: location.name,
    address: location.address,
    address_line_2: location.addressLine2,
    city: location.city,
    postal_code: location.postalCode,
    state: location.state,
    country: location.country,
    coordinates:
      location.latitude !== null && location.longitude !== null
        ? { latitude: location.latitude, longitude: location.longitude }
        : null,
    publish: location.publish,
    evses,
    directions: location.directions,
    operator: { name: cpo.name, website: null, logo: null },
    suboperator: null,
    owner: null,
    facilities: location.facilities,
    time_zone: location.timeZone,
    opening_times: location.openingTimes,
    remarks: location.remarks,
    maintenance_info: location.maintenanceInfo,
    cpo_customer_external_id: location.cpoCustomerExternalId,
    access_type: location.accessType,
    auth_rules: location.authRules,
    energy_mix: location.energyMix,
    payment_provider: location.paymentProvider,
    wallet_id: location.walletId,
    custom_groups: location.customGroups,
    customised_fields: location.customisedFields,
    created_by: location.createdBy,
    modified_by: location.modifiedBy,
    etag: location.etag,
    created: formatTimestamp(location.created),
    modified: formatTimestamp(location.modified),
    last_updated: formatTimestamp(location.lastUpdated),
  };
  if (evses === undefined) delete view.evses;
  return view;
}
