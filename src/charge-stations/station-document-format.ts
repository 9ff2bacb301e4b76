/**
 * The format documents are rendered in: part of their match (a document is answered only while its
 * etag is the station's and its format this one), so that after a deploy that changes the station
 * answer (a field added, renamed, moved or formatted otherwise) every station not written since is
 * rebuilt by the read that meets it instead of answering the old JSON. Change it with every change
 * of what renderDocument writes: station-document.spec.ts pins the rendered bytes of sample
 * stations to it and fails until it is raised.
 */
export const STATION_DOCUMENT_FORMAT = 1;
