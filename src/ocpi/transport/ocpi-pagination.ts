/**
 * OCPI 2.2.1 pagination of a list answer (transport_and_format.asciidoc, Pagination): `X-Total-Count`
 * (matches under the request's filters), `X-Limit` (the page size the server applies, however many
 * objects the page holds) and, when this is not the last page, `Link: <next>; rel="next"` — the
 * request's URL with every filter kept (`date_from`, `date_to`, …), `offset` moved on by the limit
 * and `limit` set to the one applied.
 */

/** SPEC §2/§11: 100 when the request names none; larger values are capped at 1000, not refused. */
export const OCPI_DEFAULT_LIMIT = 100;
export const OCPI_MAX_LIMIT = 1000;

/**
 * The page an OCPI list request asks for, its parameters already validated (integers, `offset` ≥ 0,
 * `limit` ≥ 1; anything else is a 400 naming the parameter): the defaults filled in, `limit` capped.
 */
export function ocpiPage(requested: { offset?: number; limit?: number }): { offset: number; limit: number } {
  return { offset: requested.offset ?? 0, limit: Math.min(requested.limit ?? OCPI_DEFAULT_LIMIT, OCPI_MAX_LIMIT) };
}

export interface OcpiPaginationInput {
  /** The absolute URL the client requested (public base URL, path and query). */
  requestUrl: string | URL;
  /** The offset of this page's first object. */
  offset: number;
  /** The page size applied (after capping). */
  limit: number;
  /** Objects matching the request's filters, across all pages. */
  total: number;
}

/** The headers of one page of an OCPI list answer. */
export function ocpiPaginationHeaders({ requestUrl, offset, limit, total }: OcpiPaginationInput): Record<string, string> {
  const headers: Record<string, string> = { 'X-Total-Count': String(total), 'X-Limit': String(limit) };
  if (offset + limit < total) {
    const next = new URL(requestUrl);
    next.searchParams.set('offset', String(offset + limit));
    next.searchParams.set('limit', String(limit));
    headers.Link = `<${next.toString()}>; rel="next"`;
  }
  return headers;
}
