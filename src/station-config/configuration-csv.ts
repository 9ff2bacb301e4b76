import type { ConfigurationKeyDto } from './dto/station-configuration.dto.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const CSV_HEADER = ['ChargeStationId', 'Key', 'Value'];

/** One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or line break; null is empty. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * GreenFlux's CSV form of a station configuration: a header line, then one row per configuration
 * key. Records end with CRLF, as RFC 4180 has it.
 */
export function configurationCsv(chargeStationId: string, keys: ConfigurationKeyDto[]): string {
  const rows = [CSV_HEADER, ...keys.map(({ key, value }) => [chargeStationId, key, value])];
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
