import { OCPI_DEFAULT_LIMIT, OCPI_MAX_LIMIT, ocpiPage, ocpiPaginationHeaders } from './ocpi-pagination.js';

const BASE = 'https://cs.example/ocpi/2.2.1/locations';

describe('ocpiPage', () => {
  it.each([
    [{}, { offset: 0, limit: OCPI_DEFAULT_LIMIT }],
    [{ offset: 50 }, { offset: 50, limit: 100 }],
    [{ limit: 10 }, { offset: 0, limit: 10 }],
    [{ limit: 1000 }, { offset: 0, limit: 1000 }],
    [{ limit: 2000 }, { offset: 0, limit: OCPI_MAX_LIMIT }],
  ])('%j → %j', (requested, page) => {
    expect(ocpiPage(requested)).toEqual(page);
  });
});

describe('ocpiPaginationHeaders', () => {
  it('a first page of many: next offset, the limit applied, the filters kept', () => {
    const headers = ocpiPaginationHeaders({
      requestUrl: `${BASE}?date_from=2016-01-01T00:00:00Z&date_to=2016-12-31T23:59:59Z`,
      offset: 0,
      limit: 100,
      total: 250,
    });
    expect(headers).toEqual({
      'X-Total-Count': '250',
      'X-Limit': '100',
      Link: `<${BASE}?date_from=2016-01-01T00%3A00%3A00Z&date_to=2016-12-31T23%3A59%3A59Z&offset=100&limit=100>; rel="next"`,
    });
    const next = new URL(/^<(.*)>; rel="next"$/.exec(headers.Link)?.[1] ?? '');
    expect(Object.fromEntries(next.searchParams)).toEqual({
      date_from: '2016-01-01T00:00:00Z',
      date_to: '2016-12-31T23:59:59Z',
      offset: '100',
      limit: '100',
    });
  });

  it('the next link replaces offset and limit, and carries the capped limit', () => {
    const headers = ocpiPaginationHeaders({ requestUrl: `${BASE}?offset=150&limit=2000&date_from=2019-01-29T12:00:00`, offset: 150, limit: 1000, total: 5000 });
    expect(headers['X-Limit']).toBe('1000');
    expect(headers.Link).toBe(`<${BASE}?offset=1150&limit=1000&date_from=2019-01-29T12%3A00%3A00>; rel="next"`);
  });

  it.each([
    [0, 100, 100],
    [200, 100, 250],
    [300, 100, 250],
    [0, 100, 0],
  ])('offset %i, limit %i, total %i: the last page has no Link', (offset, limit, total) => {
    expect(ocpiPaginationHeaders({ requestUrl: BASE, offset, limit, total })).toEqual({ 'X-Total-Count': String(total), 'X-Limit': String(limit) });
  });

  it('one more object than the page holds gives a Link', () => {
    expect(ocpiPaginationHeaders({ requestUrl: new URL(BASE), offset: 0, limit: 100, total: 101 }).Link).toBe(`<${BASE}?offset=100&limit=100>; rel="next"`);
  });
});
