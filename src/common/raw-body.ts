/**
 * A response body that leaves as it is, without the SPEC §2 envelope: for the few answers that are
 * not JSON (the CSV form of a station configuration). A handler returns one; the envelope
 * hook sets `Content-Type` and sends `body` untouched. Errors still leave as the JSON
 * envelope.
 */
export class RawBody {
  constructor(
    readonly contentType: string,
    readonly body: string,
  ) {}
}
