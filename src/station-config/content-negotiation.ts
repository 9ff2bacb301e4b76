interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [mediaType, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const [type, subtype] = mediaType.split('/');
    if (!type || !subtype) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    ranges.push({ type, subtype, q: Number.isFinite(q) ? q : 0 });
  }
  return ranges;
}

/** The quality a client gives a media type: that of the most specific range matching it (RFC 9110 §12.5.1). */
function quality(ranges: MediaRange[], mediaType: string): { q: number; specificity: number } {
  const [type, subtype] = mediaType.split('/');
  let best = { q: 0, specificity: -1 };
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' ? 0 : -1;
    if (specificity > best.specificity) best = { q: range.q, specificity };
  }
  return best;
}

/**
 * Whether a request's `Accept` header asks for CSV rather than JSON: CSV must be acceptable and
 * preferred, by a higher quality or by the same quality through a more specific range (`text/csv`
 * listed beside the any-type wildcard). Every other request gets JSON, also one without the
 * header or one naming neither type.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const csv = quality(ranges, 'text/csv');
  const json = quality(ranges, 'application/json');
  if (csv.q <= 0) return false;
  return csv.q > json.q || (csv.q === json.q && csv.specificity > json.specificity);
}
