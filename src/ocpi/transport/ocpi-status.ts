/**
 * OCPI 2.2.1 status codes (status_codes.asciidoc): the `status_code` of every OCPI response,
 * separate from the HTTP status. 1xxx success, 2xxx client errors, 3xxx server errors, 4xxx hub
 * errors; x9xx are custom ranges.
 */
export const OcpiStatus = {
  /** Generic success. */
  SUCCESS: 1000,
  /** Generic client error. */
  CLIENT_ERROR: 2000,
  /** Invalid or missing parameters, e.g. a PATCH without `last_updated`. */
  INVALID_PARAMETERS: 2001,
  /** Not enough information, e.g. an authorization request with too little information. */
  NOT_ENOUGH_INFORMATION: 2002,
  /** Unknown Location. */
  UNKNOWN_LOCATION: 2003,
  /** Unknown Token. */
  UNKNOWN_TOKEN: 2004,
  /** Generic server error. */
  SERVER_ERROR: 3000,
  /** Unable to use the client's API, e.g. its versions could not be fetched during registration. */
  UNABLE_TO_USE_CLIENT_API: 3001,
  /** Unsupported version. */
  UNSUPPORTED_VERSION: 3002,
  /** No matching endpoints, or expected endpoints missing, between the parties. */
  NO_MATCHING_ENDPOINTS: 3003,
} as const;
export type OcpiStatusCode = (typeof OcpiStatus)[keyof typeof OcpiStatus];

/** Whether an OCPI `status_code` says success (1xxx): anything else from a partner is a failure. */
export function isOcpiSuccess(statusCode: unknown): boolean {
  return Number.isInteger(statusCode) && (statusCode as number) >= 1000 && (statusCode as number) <= 1999;
}
