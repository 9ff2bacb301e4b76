import type { DisplayText, GeoLocation } from '../../common/ocpi/ocpi.types.js';
import type { StatusScheduleDto } from '../../charge-stations/dto/status-schedule.dto.js';
import type { ImageDto } from '../../evses/dto/evse.dto.js';
import {
  OCPI_IMAGE_CATEGORIES,
  OCPI_STATUSES,
  type OcpiDisplayText,
  type OcpiGeoLocation,
  type OcpiImage,
  type OcpiStatusSchedule,
} from '../ocpi-2.2.1.types.js';
import type { Problems } from './mapping-problem.js';
import { isChecked, ocpiCiString, ocpiDateTime, ocpiEnum, ocpiGeoLocation, ocpiInt, ocpiString, ocpiUrl, type Checked } from './ocpi-values.js';

/** The value of an optional field, or undefined with a problem saying why it is left out. */
export function optionalField<T>(problems: Problems, path: string, checked: Checked<T>): T | undefined {
  if (isChecked(checked)) return checked.value;
  problems.add(path, `${checked.reason}; left out`);
  return undefined;
}

/** The entries of a list OCPI can carry; each other entry is left out with a problem. */
export function listOf<S, T>(
  problems: Problems,
  field: string,
  source: readonly S[] | null | undefined,
  map: (entry: S, problems: Problems) => T | undefined,
): T[] | undefined {
  if (!source || source.length === 0) return undefined;
  const result: T[] = [];
  source.forEach((entry, index) => {
    const mapped = map(entry, problems.under(`${field}[${index}]`));
    if (mapped !== undefined) result.push(mapped);
  });
  return result.length > 0 ? result : undefined;
}

/** An enum list: values OCPI has no enum value for are left out, each with a problem. */
export function enumList<T extends string>(
  problems: Problems,
  field: string,
  source: readonly string[] | null | undefined,
  values: readonly T[],
  enumName: string,
): T[] | undefined {
  return listOf(problems, field, source, (value, at) => {
    const checked = ocpiEnum(value, values, enumName);
    if (isChecked(checked)) return checked.value;
    at.add('', `${checked.reason}; left out`);
    return undefined;
  });
}

/** DisplayText: `language` string(2) (ours is ISO 639-1 already), `text` string(512); both required. */
export function displayText(source: DisplayText, problems: Problems): OcpiDisplayText | undefined {
  const language = ocpiString(source.language, 2, 2);
  const text = ocpiString(source.text, 512, 1);
  if (!isChecked(language)) problems.add('language', `${language.reason}; the text is left out`);
  if (!isChecked(text)) problems.add('text', `${text.reason}; the text is left out`);
  return isChecked(language) && isChecked(text) ? { language: language.value, text: text.value } : undefined;
}

/**
 * GeoLocation. `whenMissing` says what is lost when it cannot be written (the Location, whose
 * coordinates are required; an EVSE's optional coordinates); rounded coordinates are reported too.
 */
export function geoLocation(source: GeoLocation, problems: Problems, whenMissing: string): OcpiGeoLocation | undefined {
  const checked = ocpiGeoLocation(source);
  for (const note of checked.notes) {
    problems.add(note.field, checked.value ? note.reason : `${note.reason}; ${whenMissing}`);
  }
  return checked.value;
}

/** Image: `url`, `category` and `type` required; `thumbnail`, `width`, `height` optional. */
export function image(source: ImageDto, problems: Problems): OcpiImage | undefined {
  const url = ocpiUrl(source.url);
  const category = ocpiEnum(source.category, OCPI_IMAGE_CATEGORIES, 'ImageCategory');
  const type = ocpiCiString(source.type, 4, 1);
  const missing = (field: string, reason: string) => problems.add(field, `${reason}; the image is left out`);
  if (!isChecked(url)) missing('url', url.reason);
  if (!isChecked(category)) missing('category', category.reason);
  if (!isChecked(type)) missing('type', type.reason);
  if (!isChecked(url) || !isChecked(category) || !isChecked(type)) return undefined;
  const result: OcpiImage = { url: url.value, category: category.value, type: type.value };
  if (source.thumbnail != null) {
    const thumbnail = optionalField(problems, 'thumbnail', ocpiUrl(source.thumbnail));
    if (thumbnail !== undefined) result.thumbnail = thumbnail;
  }
  for (const field of ['width', 'height'] as const) {
    if (source[field] == null) continue;
    const size = optionalField(problems, field, ocpiInt(source[field], 0, 99999));
    if (size !== undefined) result[field] = size;
  }
  return result;
}

/** StatusSchedule: OCPI has no `status_message`, so that stays behind; the rest is required. */
export function statusSchedule(source: StatusScheduleDto, problems: Problems): OcpiStatusSchedule | undefined {
  const begin = ocpiDateTime(source.period_begin);
  const status = ocpiEnum(source.status, OCPI_STATUSES, 'Status');
  const end = source.period_end == null ? undefined : ocpiDateTime(source.period_end);
  const missing = (field: string, reason: string) => problems.add(field, `${reason}; the scheduled period is left out`);
  if (!isChecked(begin)) missing('period_begin', begin.reason);
  if (!isChecked(status)) missing('status', status.reason);
  if (end && !isChecked(end)) missing('period_end', end.reason);
  if (!isChecked(begin) || !isChecked(status) || (end && !isChecked(end))) return undefined;
  const result: OcpiStatusSchedule = { period_begin: begin.value, status: status.value };
  if (end) result.period_end = end.value;
  return result;
}
