import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ApiToken } from '../auth/api-token.entity.js';
import { Cpo } from '../auth/cpo.entity.js';
import { ApiError } from '../common/api-error.js';
import { newEtag } from '../common/etag.js';
import { Location } from '../locations/location.entity.js';
import { updateIfEtagMatches } from './conditional-update.js';
import { Foundation1763900000000 } from './migrations/sqlite/1763900000000-Foundation.js';

const ETAG = '5f0c7b1e-2a4d-4c1b-9a8e-0d3f6b7c8e91';
const OTHER = 'a4b2c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d';

async function rejectedBy(promise: Promise<unknown>): Promise<ApiError> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ApiError);
  return thrown as ApiError;
}

describe('updateIfEtagMatches (SQLite in memory)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [Location, Cpo, ApiToken],
      migrations: [Foundation1763900000000],
      migrationsRun: true,
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM locations');
    await dataSource.query('DELETE FROM cpos');
    const cpo = await dataSource
      .getRepository(Cpo)
      .save({ cpoId: 'ACME', name: 'Acme Charging', countryCode: 'NL', partyId: 'ACM', created: 1000 });
    await dataSource.getRepository(Location).insert({
      id: 'LOC-1',
      cpoPk: cpo.pk,
      name: 'Central Station P1',
      address: 'Stationsplein 1',
      addressLine2: null,
      city: 'Amsterdam',
      postalCode: '1012AB',
      state: null,
      country: 'NLD',
      latitude: '52.3791000',
      longitude: '4.9003000',
      lat: 52.3791,
      lng: 4.9003,
      type: 'PARKING_LOT',
      publish: true,
      directions: null,
      facilities: ['CAFE'],
      timeZone: 'Europe/Amsterdam',
      openingTimes: null,
      remarks: null,
      maintenanceInfo: null,
      cpoCustomerExternalId: null,
      accessType: null,
      authRules: null,
      energyMix: null,
      paymentProvider: null,
      walletId: null,
      customGroups: null,
      customisedFields: null,
      createdBy: 'Not Provided',
      modifiedBy: 'Not Provided',
      etag: ETAG,
      created: 1000,
      modified: 1000,
      lastUpdated: 1000,
    });
  });

  const stored = () => dataSource.getRepository(Location).findOneByOrFail({ id: 'LOC-1' });

  it('updates the row when the etag matches', async () => {
    const next = newEtag();
    await updateIfEtagMatches(dataSource.manager, Location, { id: 'LOC-1' }, ETAG, {
      name: 'Renamed',
      facilities: ['WIFI'],
      etag: next,
      lastUpdated: 2000,
    });
    const row = await stored();
    expect(row.name).toBe('Renamed');
    expect(row.facilities).toEqual(['WIFI']);
    expect(row.etag).toBe(next);
    expect(row.lastUpdated).toBe(2000);
    expect(row.city).toBe('Amsterdam');
  });

  it('matches the key case-insensitively, like every id', async () => {
    await updateIfEtagMatches(dataSource.manager, Location, { id: 'loc-1' }, ETAG, { name: 'Renamed', etag: OTHER });
    expect((await stored()).name).toBe('Renamed');
  });

  it('stale etag → 412 carrying the stored etag, row unchanged', async () => {
    const before = await stored();
    const error = await rejectedBy(
      updateIfEtagMatches(dataSource.manager, Location, { id: 'LOC-1' }, OTHER, { name: 'Renamed', etag: newEtag() }),
    );
    expect(error.httpStatus).toBe(412);
    expect(error.statusCode).toBe(2000);
    expect(error.headers.ETag).toBe(`"${ETAG}"`);
    expect(await stored()).toEqual(before);
  });

  it('a second writer with the same (now stale) etag loses and learns the new etag', async () => {
    const first = newEtag();
    await updateIfEtagMatches(dataSource.manager, Location, { id: 'LOC-1' }, ETAG, { name: 'First', etag: first });
    const error = await rejectedBy(
      updateIfEtagMatches(dataSource.manager, Location, { id: 'LOC-1' }, ETAG, { name: 'Second', etag: newEtag() }),
    );
    expect(error.httpStatus).toBe(412);
    expect(error.headers.ETag).toBe(`"${first}"`);
    const row = await stored();
    expect(row.name).toBe('First');
    expect(row.etag).toBe(first);
  });

  it('unknown key → 404, nothing changed', async () => {
    const before = await stored();
    const error = await rejectedBy(
      updateIfEtagMatches(dataSource.manager, Location, { id: 'LOC-404' }, ETAG, { name: 'Renamed', etag: newEtag() }),
    );
    expect(error.httpStatus).toBe(404);
    expect(await stored()).toEqual(before);
    expect(await dataSource.getRepository(Location).count()).toBe(1);
  });

  it('runs inside a transaction and is rolled back with it', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await updateIfEtagMatches(manager, Location, { id: 'LOC-1' }, ETAG, { name: 'Renamed', etag: OTHER });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    const row = await stored();
    expect(row.name).toBe('Central Station P1');
    expect(row.etag).toBe(ETAG);
  });
});
