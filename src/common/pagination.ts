import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { ApiError } from './api-error.js';
import type { SerialisedJson } from './envelope.js';
import { parseTimestamp } from './time.js';
import { IsTimestamp } from './validation/validators.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Beyond any real feed; keeps the number within what every database accepts in OFFSET. */
export const MAX_OFFSET = 1_000_000_000;

/** The filters and paging parameters every list endpoint accepts (SPEC §2 "Lists"). */
export class ListQueryDto {
  @ApiPropertyOptional({
    description: 'Only objects with `last_updated` at or after this time (inclusive). RFC 3339; no zone = UTC.',
    format: 'date-time',
  })
  @IsOptional()
  @IsTimestamp()
  date_from?: string;

  @ApiPropertyOptional({
    description: 'Only objects with `last_updated` before this time (exclusive). RFC 3339; no zone = UTC.',
    format: 'date-time',
  })
  @IsOptional()
  @IsTimestamp()
  date_to?: string;

  @ApiPropertyOptional({ description: 'Rows to skip.', minimum: 0, maximum: MAX_OFFSET, default: 0, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @Max(MAX_OFFSET)
  @IsInt({ message: '$property must be a whole number' })
  offset?: number;

  @ApiPropertyOptional({
    description: `Page size; values above ${MAX_LIMIT} are capped to ${MAX_LIMIT}.`,
    minimum: 1,
    default: DEFAULT_LIMIT,
    type: 'integer',
  })
  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @IsInt({ message: '$property must be a whole number' })
  limit?: number;

  @ApiPropertyOptional({
    description:
      'Opaque keyset cursor from a `Link: rel="next"` header: continues after the last object of the previous page.',
  })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** What the paging headers of a list answer are made of (SPEC §2 lists). */
export interface PageInfo {
  /** Matches under the filters, ignoring paging: `X-Total-Count`. */
  readonly total: number;
  /** The page size applied: `X-Limit`. */
  readonly limit: number;
  /** Where the next page starts (`Link: rel="next"`), when more remain. */
  readonly nextCursor: string | undefined;
  /** The query parameter the next link carries `nextCursor` in (default `cursor`; the event feed's is `after`). */
  readonly cursorParameter?: string;
}

/** One page of a list: the envelope hook turns it into `data` plus the paging headers. */
export class Page<T> implements PageInfo {
  constructor(
    readonly items: T[],
    readonly total: number,
    readonly limit: number,
    readonly nextCursor: string | undefined,
  ) {}

  map<U>(mapper: (item: T) => U): Page<U> {
    return new Page(this.items.map(mapper), this.total, this.limit, this.nextCursor);
  }
}

/** One page of a list whose items come serialised, as one JSON array: sent as it is, inside the envelope. */
export class SerialisedPage implements PageInfo {
  constructor(
    readonly json: SerialisedJson,
    readonly total: number,
    readonly limit: number,
    readonly nextCursor: string | undefined,
    readonly cursorParameter?: string,
  ) {}
}

interface CursorKey {
  lastUpdated: number;
  id: string;
}

/** Where the next page starts, and the total the crawl's first page counted. */
interface Cursor extends CursorKey {
  total: number | undefined;
}

function encodeCursor(key: CursorKey, total: number): string {
  return Buffer.from(JSON.stringify([key.lastUpdated, key.id, total])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const [lastUpdated, id, total] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof lastUpdated === 'number' && Number.isSafeInteger(lastUpdated) && typeof id === 'string') {
      return { lastUpdated, id, total: typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? total : undefined };
    }
  } catch {
    // reported below
  }
  throw ApiError.field('cursor', 'cursor is not one this service issued; follow the Link header');
}

export interface PageColumns<E extends ObjectLiteral> {
  /** SQL expression of `last_updated` (the order and the keyset). */
  lastUpdated: string;
  /** SQL expression of the id that breaks ties. */
  id: string;
  /** SQL expression `date_from`/`date_to` filter on; defaults to `lastUpdated`. */
  dateFilter?: string;
  /** The keyset values of a fetched row. */
  key: (row: E) => CursorKey;
  /** Runs the page's query (default: TypeORM's getMany), e.g. as a prepared statement on the driver. */
  fetch?: (qb: SelectQueryBuilder<E>) => Promise<E[]>;
}

/**
 * Applies SPEC §2 list rules to a query that already carries the tenant scope and the resource's
 * own filters: date window, total count, stable order, offset, limit (capped) and keyset cursor.
 * The total is counted on a crawl's first page and carried in the cursor, so `X-Total-Count` is
 * the same on every page and a page costs O(limit) however long the feed.
 */
export async function paginate<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  query: ListQueryDto,
  columns: PageColumns<E>,
): Promise<Page<E>> {
  const dateColumn = columns.dateFilter ?? columns.lastUpdated;
  if (query.date_from !== undefined) {
    qb.andWhere(`${dateColumn} >= :pageDateFrom`, { pageDateFrom: parseTimestamp(query.date_from) });
  }
  if (query.date_to !== undefined) {
    qb.andWhere(`${dateColumn} < :pageDateTo`, { pageDateTo: parseTimestamp(query.date_to) });
  }
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const total = after?.total ?? (await qb.clone().getCount());

  if (after !== undefined) {
    qb.andWhere(
      `(${columns.lastUpdated} > :cursorTime OR (${columns.lastUpdated} = :cursorTime AND ${columns.id} > :cursorId))`,
      { cursorTime: after.lastUpdated, cursorId: after.id },
    );
  }
  const limit = Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  qb.orderBy(columns.lastUpdated, 'ASC')
    .addOrderBy(columns.id, 'ASC')
    .offset(query.offset ?? 0)
    .limit(limit + 1);
  const rows = columns.fetch ? await columns.fetch(qb) : await qb.getMany();
  const more = rows.length > limit;
  if (more) rows.pop();
  const last = rows[rows.length - 1];
  return new Page(rows, total, limit, more && last ? encodeCursor(columns.key(last), total) : undefined);
}

/** The `Link: rel="next"` value: this request's URL with every filter kept, `offset` dropped, the cursor set. */
export function nextLink(request: FastifyRequest, page: PageInfo): string | undefined {
  if (!page.nextCursor) return undefined;
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  url.searchParams.delete('offset');
  url.searchParams.set('limit', String(page.limit));
  url.searchParams.set(page.cursorParameter ?? 'cursor', page.nextCursor);
  return `<${url.toString()}>; rel="next"`;
}
