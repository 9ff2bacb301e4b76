import { ApiError } from './api-error.js';
import { checkEtag, newEtag, requestedEtag, UNGUARDED_WRITE_ATTEMPTS, writeOnVersionRead } from './etag.js';

const ETAG = '5f0c7b1e-2a4d-4c1b-9a8e-0d3f6b7c8e91';
const OTHER = 'a4b2c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d';

/** Runs fn and returns the ApiError it throws; fails the test when it throws nothing or something else. */
function thrownBy(fn: () => unknown): ApiError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ApiError);
  return thrown as ApiError;
}

describe('newEtag', () => {
  it('is a fresh UUID each time', () => {
    const a = newEtag();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newEtag()).not.toBe(a);
  });
});

describe('requestedEtag', () => {
  it.each([
    ['quoted header', `"${ETAG}"`, undefined, ETAG],
    ['unquoted header', ETAG, undefined, ETAG],
    ['weak header', `W/"${ETAG}"`, undefined, ETAG],
    ['header with surrounding spaces', `  "${ETAG}"  `, undefined, ETAG],
    ['body only', undefined, ETAG, ETAG],
    ['quoted body only', undefined, `"${ETAG}"`, ETAG],
    ['body only, blank header', '   ', ETAG, ETAG],
    ['both equal', `"${ETAG}"`, ETAG, ETAG],
    ['both equal, weak header', `W/"${ETAG}"`, ETAG, ETAG],
    ['header only, null body', `"${ETAG}"`, null, ETAG],
    ['header only, blank body', `"${ETAG}"`, '  ', ETAG],
    ['* header', '*', undefined, '*'],
    ['neither', undefined, undefined, undefined],
    ['empty header, null body', '', null, undefined],
  ])('%s', (_label, header, body, expected) => {
    expect(requestedEtag(header, body)).toBe(expected);
  });

  it.each([
    ['quoted header', `"${OTHER}"`],
    ['unquoted header', OTHER],
    ['weak header', `W/"${OTHER}"`],
  ])('both given and different (%s) → 400 naming etag', (_label, header) => {
    const error = thrownBy(() => requestedEtag(header, ETAG));
    expect(error.httpStatus).toBe(400);
    expect(error.statusCode).toBe(2001);
    expect(error.errors[0].field).toBe('etag');
  });
});

describe('checkEtag', () => {
  it('missing and required → 428', () => {
    const error = thrownBy(() => checkEtag(undefined, ETAG, true));
    expect(error.httpStatus).toBe(428);
    expect(error.statusCode).toBe(2000);
  });

  it('missing and not required → no guard', () => {
    expect(checkEtag(undefined, ETAG, false)).toBeUndefined();
  });

  it.each([true, false])('matching (required=%s) → the current etag', (required) => {
    expect(checkEtag(ETAG, ETAG, required)).toBe(ETAG);
  });

  it.each([true, false])('stale (required=%s) → 412 with the current etag quoted in ETag', (required) => {
    const error = thrownBy(() => checkEtag(OTHER, ETAG, required));
    expect(error.httpStatus).toBe(412);
    expect(error.statusCode).toBe(2000);
    expect(error.headers.ETag).toBe(`"${ETAG}"`);
  });

  it('compares exactly (an etag differing only in case is stale)', () => {
    expect(thrownBy(() => checkEtag(ETAG.toUpperCase(), ETAG, true)).httpStatus).toBe(412);
  });

  it.each([true, false])('* (required=%s) → no guard: any current version', (required) => {
    expect(checkEtag('*', ETAG, required)).toBeUndefined();
  });

  it('works on what requestedEtag returns for a quoted If-Match header', () => {
    expect(checkEtag(requestedEtag(`"${ETAG}"`, undefined), ETAG, true)).toBe(ETAG);
  });
});

describe('writeOnVersionRead', () => {
  /** A stored object whose etag moves on each read while `racing` other writers get in first. */
  function store(racing: number) {
    let version = 0;
    const writes: string[] = [];
    return {
      writes,
      read: async () => ({ etag: `v${version}` }),
      write: async (_current: { etag: string }, guard: string) => {
        if (racing > 0) {
          racing--;
          version++; // another writer got in between this one's read and write
        }
        if (guard !== `v${version}`) throw ApiError.preconditionFailed(`v${version}`);
        writes.push(guard);
        version++;
        return guard;
      },
    };
  }
  const unguarded = (current: { etag: string }) => ({ requested: undefined, read: current.etag });

  it('without the client’s etag: guards with the version read, and works the write out again after each lost race', async () => {
    const s = store(3);
    // Three writers get in first (v0 → v1, v1 → v2, v2 → v3); the fourth try is written on v3.
    await expect(writeOnVersionRead(s.read, unguarded, s.write)).resolves.toBe('v3');
    expect(s.writes).toEqual(['v3']);
  });

  it('gives up with 412 after UNGUARDED_WRITE_ATTEMPTS lost races in a row', async () => {
    const s = store(UNGUARDED_WRITE_ATTEMPTS);
    await expect(writeOnVersionRead(s.read, unguarded, s.write)).rejects.toMatchObject({ httpStatus: 412 });
    expect(s.writes).toEqual([]);
  });

  it('with the client’s etag: guards with it, and a lost race is the client’s 412 at once', async () => {
    const s = store(1);
    let reads = 0;
    const read = () => {
      reads++;
      return s.read();
    };
    await expect(writeOnVersionRead(read, (current) => ({ requested: 'v0', read: current.etag }), s.write)).rejects.toMatchObject({ httpStatus: 412 });
    expect(reads).toBe(1);
  });

  it('other errors are not retried', async () => {
    let reads = 0;
    const read = async () => ({ etag: `v${reads++}` });
    const failing = async () => {
      throw ApiError.field('name', 'bad');
    };
    await expect(writeOnVersionRead(read, unguarded, failing)).rejects.toMatchObject({ httpStatus: 400 });
    expect(reads).toBe(1);
  });
});
