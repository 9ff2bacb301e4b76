/** SPEC §4 EVSE-id pattern (eMI3 / ISO 15118 and DIN forms, as Hubject's OICP defines it). */
export const EVSE_ID_PATTERN =
  // eslint-disable-next-line no-useless-escape -- kept character for character as SPEC §4 writes it
  /^(([A-Z]{2}\*?[A-Z0-9]{3}\*?E[A-Z0-9\*]{1,30})|(\+?[0-9]{1,3}\*[0-9]{3}\*[0-9\*]{1,32}))$/;

const EVSE_ID_MAX_LENGTH = 48;
const EVSE_UID_MAX_LENGTH = 36;

/** SPEC §4 EVSE `evse_id`: at most 48 characters matching EVSE_ID_PATTERN. */
export function isValidEvseId(id: string): boolean {
  return id.length <= EVSE_ID_MAX_LENGTH && EVSE_ID_PATTERN.test(id);
}

/** SPEC §4 EVSE `uid` when absent: `{country_code}-{party_id}-E{charge_station_id}-{evse_sequence_number}`, or a UUID beyond 36 chars. */
export function generatedEvseUid(
  countryCode: string,
  partyId: string,
  chargeStationId: string,
  sequence: number,
  uuid: () => string,
): string {
  const uid = `${countryCode}-${partyId}-E${chargeStationId}-${sequence}`;
  return uid.length <= EVSE_UID_MAX_LENGTH ? uid : uuid();
}

/** SPEC §4 EVSE `evse_id` built from a template: `{country_code}*{party_id}*E{station id, A-Z 0-9 only}*{sequence}` when valid, else null. */
export function templateEvseId(
  countryCode: string,
  partyId: string,
  chargeStationId: string,
  sequence: number,
): string | null {
  const stationPart = chargeStationId.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const id = `${countryCode}*${partyId}*E${stationPart}*${sequence}`;
  return isValidEvseId(id) ? id : null;
}

/** SPEC §4 `charge_station_id`: the OCPP identity, 1–48 chars of `A-Z a-z 0-9 * - _ = : + | @ .`. */
export const CHARGE_STATION_ID_PATTERN = /^[A-Za-z0-9*\-_=:+|@.]{1,48}$/;

/** SPEC §6: `ChargestationTemplate` (any letter case) names the templates path, never a station. */
export function isReservedStationId(id: string): boolean {
  return id.toLowerCase() === 'chargestationtemplate';
}
