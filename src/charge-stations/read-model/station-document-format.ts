/**
 * The format documents are rendered in: part of their match (a document is answered only while its
 * etag is the station's and its format this one), so that after a deploy that changes the station
 * answer (a field added, renamed, moved or formatted otherwise) every station not written since is
 * rebuilt by the read that meets it instead of answering the old JSON.
 *
 * Raise it with every change of what renderDocument writes (a field of the station answer added,
 * renamed, moved, formatted otherwise; a column added to a station, an EVSE or a connector), and add
 * the new format's fingerprint to STATION_DOCUMENT_FORMATS: station-document.spec.ts renders sample
 * stations, compares the SHA-256 of the bytes with the code's format's entry, and says the value.
 */
export const STATION_DOCUMENT_FORMAT = 1;

/** Each format's fingerprint (see above). Never edit an entry: a changed answer is a new format. */
export const STATION_DOCUMENT_FORMATS: Readonly<Record<number, string>> = {
  1: 'b77c2f94264a25304b3566a5bd3d32706151456ff783ecfffe7cfbc18b1d8bfa',
};
