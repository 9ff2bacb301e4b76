import { randomUUID } from 'node:crypto';
import { Location } from '../src/locations/location.entity.js';
import { auth, dialect, startFreshServer, tableFingerprint, type TestServer } from './support/server.js';

const LOCATIONS = '/api/2.0/Locations';

function locationBody(overrides: Record<string, unknown> = {}) {
  return {
    cpo_id: 'ACME',
    name: 'Central Station P1',
    address: 'Stationsplein 1',
    city: 'Amsterdam',
    postal_code: '1012AB',
    country: 'NLD',
    coordinates: { latitude: '52.37880', longitude: '4.90030' },
    type: 'PARKING_LOT',
    time_zone: 'Europe/Amsterdam',
    facilities: ['CAFE'],
    directions: [{ language: 'en', text: 'Follow the P signs' }],
    ...overrides,
  };
}

describe(`Locations v2 (${dialect})`, () => {
  let server: TestServer;
  let acme: string;
  let acmeRead: string;
  let other: string;

  beforeAll(async () => {
    server = await startFreshServer();
    acme = await server.tenant('ACME');
    acmeRead = await server.token(['ACME'], 'read');
    other = await server.tenant('OTHER');
  });

  afterAll(async () => {
    await server?.close();
  });

  const post = (body: object, token = acme) => server.http().post(LOCATIONS).set(auth(token)).send(body);
  const get = (path: string, token = acme) => server.http().get(path).set(auth(token));

  it('runs the lifecycle POST → GET → list → PUT (clears omitted fields) → PATCH', async () => {
    const created = await post(locationBody({ id: 'LIFE-1', remarks: 'gate code 1234' })).expect(201);
    expect(created.body).toMatchObject({ status_code: 1000, status_message: 'Success' });
    const location = created.body.data;
    expect(location).toMatchObject({
      id: 'LIFE-1',
      cpo_id: 'ACME',
      type: 'PARKING_LOT',
      publish: true,
      remarks: 'gate code 1234',
      created_by: 'Not Provided',
      operator: { name: 'ACME Charging' },
      evses: [],
    });
    expect(location.etag).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.etag).toBe(`"${location.etag}"`);
    expect(location.last_updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const fetched = await get(`${LOCATIONS}/life-1`).expect(200);
    expect(fetched.body.data).toEqual(location);
    expect(fetched.headers.etag).toBe(`"${location.etag}"`);

    const list = await get(`${LOCATIONS}?city=amsterdam`).expect(200);
    expect(list.body.data.map((l: { id: string }) => l.id)).toContain('LIFE-1');

    const withoutRemarks = locationBody({ name: 'Central Station P2' });
    const replaced = await server
      .http()
      .put(`${LOCATIONS}/LIFE-1`)
      .set(auth(acme))
      .set('If-Match', `"${location.etag}"`)
      .send(withoutRemarks)
      .expect(200);
    expect(replaced.body.data).toMatchObject({ name: 'Central Station P2', remarks: null });
    expect(replaced.body.data.etag).not.toBe(location.etag);
    expect(replaced.body.data.created).toBe(location.created);

    const patched = await server
      .http()
      .patch(`${LOCATIONS}/LIFE-1`)
      .set(auth(acme))
      .send({ facilities: ['WIFI', 'HOTEL'], directions: [{ language: 'nl', text: 'Volg de borden' }] })
      .expect(200);
    expect(patched.body.data).toMatchObject({
      name: 'Central Station P2',
      facilities: ['WIFI', 'HOTEL'],
      directions: [{ language: 'nl', text: 'Volg de borden' }],
    });
    expect(patched.body.data.etag).not.toBe(replaced.body.data.etag);
    const after = await get(`${LOCATIONS}/LIFE-1`).expect(200);
    expect(after.body.data).toEqual(patched.body.data);
  });

  it('stores and returns every field with the same JSON on every database', async () => {
    const full = {
      id: 'FULL-1',
      cpo_id: 'ACME',
      type: 'UNDERGROUND_GARAGE',
      name: 'Full',
      address: 'Damrak 1',
      address_line_2: 'Entrance B',
      city: 'Amsterdam',
      postal_code: '1012LG',
      state: 'Noord-Holland',
      country: 'NLD',
      coordinates: { latitude: '-52.3740300', longitude: '-104.88969' },
      publish: false,
      directions: [{ language: 'en', text: 'Level -2' }],
      facilities: ['MALL', 'WIFI'],
      time_zone: 'America/Argentina/Buenos_Aires',
      opening_times: {
        twentyfourseven: false,
        regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }],
        exceptional_closings: [{ period_begin: '2026-12-25T00:00:00Z', period_end: '2026-12-26T00:00:00Z' }],
      },
      remarks: 'Ünïcödé ✓ remarks',
      maintenance_info: 'Key at the desk',
      cpo_customer_external_id: 'CUST-9',
      access_type: 'RESTRICTED',
      auth_rules: [{ type: 'ClosedGroups', value: 'fleet-1' }],
      energy_mix: { energy_mix_profile_id: 'green' },
      payment_provider: 'Adyen',
      wallet_id: 'W-1',
      custom_groups: [{ name: 'North', external_id: 'N1' }],
      customised_fields: [{ type: 'site', value: 'AMS-1' }],
      created_by: 'alice',
      modified_by: 'bob',
    };
    const created = (await post(full).expect(201)).body.data;
    const { etag, created: at, modified, last_updated, ...rest } = created;
    expect(rest).toEqual({ ...full, evses: [], operator: { name: 'ACME Charging', website: null, logo: null }, suboperator: null, owner: null });
    expect(typeof etag).toBe('string');
    expect(modified).toBe(at);
    expect(last_updated).toBe(at);
    expect((await get(`${LOCATIONS}/FULL-1`).expect(200)).body.data).toEqual(created);
  });

  it('creates with a generated UUID id and answers 409 for an id that exists in any case or for any CPO', async () => {
    const created = await post(locationBody()).expect(201);
    expect(created.body.data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await post(locationBody({ id: 'Dup-1' })).expect(201);
    const sameCase = await post(locationBody({ id: 'DUP-1' })).expect(409);
    expect(sameCase.body).toMatchObject({ status_code: 2000 });
    const otherCpo = await post(locationBody({ id: 'dup-1', cpo_id: 'OTHER' }), other).expect(409);
    expect(JSON.stringify(otherCpo.body)).not.toContain('ACME');
  });

  describe('etags', () => {
    let etag: string;
    beforeAll(async () => {
      etag = (await post(locationBody({ id: 'ETAG-1' })).expect(201)).body.data.etag;
    });

    it('PUT without etag → 428, stale → 412 and nothing changes, current → 200 with a new etag', async () => {
      const before = await tableFingerprint(server.dataSource, 'locations');
      const missing = await server.http().put(`${LOCATIONS}/ETAG-1`).set(auth(acme)).send(locationBody({ name: 'x' })).expect(428);
      expect(missing.body.status_code).toBe(2000);
      const stale = await server
        .http()
        .put(`${LOCATIONS}/ETAG-1`)
        .set(auth(acme))
        .set('If-Match', `"${randomUUID()}"`)
        .send(locationBody({ name: 'x' }))
        .expect(412);
      expect(stale.headers.etag).toBe(`"${etag}"`);
      expect(await tableFingerprint(server.dataSource, 'locations')).toBe(before);

      const ok = await server
        .http()
        .put(`${LOCATIONS}/ETAG-1`)
        .set(auth(acme))
        .send(locationBody({ name: 'renamed', etag }))
        .expect(200);
      expect(ok.body.data.etag).not.toBe(etag);
      expect(ok.headers.etag).toBe(`"${ok.body.data.etag}"`);
      etag = ok.body.data.etag;
    });

    it('a PUT identical to the stored object keeps etag and last_updated', async () => {
      const current = (await get(`${LOCATIONS}/ETAG-1`).expect(200)).body.data;
      const same = await server
        .http()
        .put(`${LOCATIONS}/ETAG-1`)
        .set(auth(acme))
        .set('If-Match', etag)
        .send(current)
        .expect(200);
      expect(same.body.data.etag).toBe(etag);
      expect(same.body.data.last_updated).toBe(current.last_updated);
      expect(same.body.data).toEqual(current);
    });

    it('If-Match and body etag that differ → 400; PATCH honours a stale etag with 412', async () => {
      const both = await server
        .http()
        .put(`${LOCATIONS}/ETAG-1`)
        .set(auth(acme))
        .set('If-Match', `"${etag}"`)
        .send(locationBody({ etag: randomUUID() }))
        .expect(400);
      expect(both.body.errors).toEqual([{ field: 'etag', message: expect.any(String) }]);
      await server.http().patch(`${LOCATIONS}/ETAG-1`).set(auth(acme)).set('If-Match', randomUUID()).send({ name: 'y' }).expect(412);
      const ok = await server.http().patch(`${LOCATIONS}/ETAG-1`).set(auth(acme)).set('If-Match', etag).send({ name: 'y' }).expect(200);
      expect(ok.body.data.name).toBe('y');
    });

    it('20 concurrent PUTs with one etag: exactly one 200, nineteen 412, the winner is stored', async () => {
      const created = (await post(locationBody({ id: 'RACE-1' })).expect(201)).body.data;
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          server
            .http()
            .put(`${LOCATIONS}/RACE-1`)
            .set(auth(acme))
            .set('If-Match', `"${created.etag}"`)
            .send(locationBody({ name: `writer ${i}` })),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(19);
      const winner = responses.find((r) => r.status === 200)!.body.data;
      const stored = (await get(`${LOCATIONS}/RACE-1`).expect(200)).body.data;
      expect(stored).toEqual(winner);
    });

    it('concurrent PATCHes without etag lose no update', async () => {
      await post(locationBody({ id: 'PATCH-RACE' })).expect(201);
      const fields = ['remarks', 'maintenance_info', 'state', 'address_line_2', 'payment_provider', 'wallet_id'];
      await Promise.all(
        fields.map((field) =>
          server.http().patch(`${LOCATIONS}/PATCH-RACE`).set(auth(acme)).send({ [field]: `set ${field}` }).expect(200),
        ),
      );
      const stored = (await get(`${LOCATIONS}/PATCH-RACE`).expect(200)).body.data;
      for (const field of fields) expect(stored[field]).toBe(`set ${field}`);
    });
  });

  describe('lists', () => {
    it('date_from equal to last_updated includes the object; date_to equal excludes it', async () => {
      const created = (await post(locationBody({ id: 'WINDOW-1' })).expect(201)).body.data;
      const at = encodeURIComponent(created.last_updated);
      const from = await get(`${LOCATIONS}?date_from=${at}&limit=1000`).expect(200);
      expect(from.body.data.map((l: { id: string }) => l.id)).toContain('WINDOW-1');
      const to = await get(`${LOCATIONS}?date_to=${at}&limit=1000`).expect(200);
      expect(to.body.data.map((l: { id: string }) => l.id)).not.toContain('WINDOW-1');
      const noZone = created.last_updated.replace('Z', '');
      const fromNoZone = await get(`${LOCATIONS}?date_from=${encodeURIComponent(noZone)}&limit=1000`).expect(200);
      expect(fromNoZone.body.data.map((l: { id: string }) => l.id)).toContain('WINDOW-1');
    });

    it('caps limit at 1000, reports X-Limit and X-Total-Count, and refuses unparsable paging values naming them', async () => {
      const page = await get(`${LOCATIONS}?limit=5000`).expect(200);
      expect(page.headers['x-limit']).toBe('1000');
      expect(Number(page.headers['x-total-count'])).toBe(page.body.data.length);
      expect(page.headers.link).toBeUndefined();
      for (const [param, value] of [
        ['limit', 'ten'],
        ['offset', '-1'],
        ['date_from', 'yesterday'],
        ['date_to', '2026-13-01'],
        ['cursor', 'garbage'],
      ]) {
        const bad = await get(`${LOCATIONS}?${param}=${value}`).expect(400);
        expect(bad.body.status_code).toBe(2001);
        expect(bad.body.errors[0].field).toBe(param);
      }
    });

    it('filters by country, city, postcode, cpoId, and by distance from a point', async () => {
      await post(locationBody({ id: 'NEAR-1', city: 'Utrecht', postal_code: '3511AA', coordinates: { latitude: '52.08900', longitude: '5.11000' } })).expect(201);
      await post(locationBody({ id: 'NEAR-2', city: 'Utrecht', postal_code: '3511AB', coordinates: { latitude: '52.09300', longitude: '5.11000' } })).expect(201);
      await post(locationBody({ id: 'FAR-1', city: 'Utrecht', country: 'BEL', postal_code: '3511AA', coordinates: { latitude: '52.10000', longitude: '5.11000' } })).expect(201);
      const ids = async (query: string) =>
        (await get(`${LOCATIONS}?${query}`).expect(200)).body.data.map((l: { id: string }) => l.id).sort();
      expect(await ids('city=UTRECHT')).toEqual(['FAR-1', 'NEAR-1', 'NEAR-2']);
      expect(await ids('city=Utrecht&country=NLD')).toEqual(['NEAR-1', 'NEAR-2']);
      expect(await ids('postcode=3511aa')).toEqual(['FAR-1', 'NEAR-1']);
      // NEAR-2 is ~445 m north of the point, FAR-1 ~1.2 km.
      expect(await ids('latitude=52.08900&longitude=5.11000')).toEqual(['NEAR-1']);
      expect(await ids('latitude=52.08900&longitude=5.11000&distanceinmeters=500')).toEqual(['NEAR-1', 'NEAR-2']);
      expect(await ids('latitude=52.08900&longitude=5.11000&distanceinmeters=1000')).toEqual(['NEAR-1', 'NEAR-2']);
      expect(await ids('city=Utrecht&cpoId=OTHER')).toEqual([]);
      const lonely = await get(`${LOCATIONS}?latitude=52.08900`).expect(400);
      expect(lonely.body.errors[0].field).toBe('longitude');
      const tooFar = await get(`${LOCATIONS}?latitude=52.08900&longitude=5.11&distanceinmeters=5000`).expect(400);
      expect(tooFar.body.errors[0].field).toBe('distanceinmeters');
      const noEvses = await get(`${LOCATIONS}?city=Utrecht&exclude_evses=true`).expect(200);
      expect(noEvses.body.data[0]).not.toHaveProperty('evses');
    });
  });

  it('a crawl that follows Link sees every one of 1,000 locations while some are updated meanwhile', async () => {
    // A CPO of its own, so the feed holds exactly these 1,000 locations.
    const crawlServer = server;
    {
      const token = await crawlServer.tenant('CRAWL');
      const cpoPk = (await crawlServer.dataSource.query(`SELECT pk FROM cpos WHERE cpo_id = 'CRAWL'`))[0].pk;
      const base = Date.now() - 1_000_000;
      const rows = Array.from({ length: 1000 }, (_, i) => ({
        id: `C-${String(i).padStart(4, '0')}`,
        cpoPk,
        name: `Crawl ${i}`,
        address: 'Street 1',
        addressLine2: null,
        city: 'Rotterdam',
        postalCode: '3000AA',
        state: null,
        country: 'NLD',
        latitude: null,
        longitude: null,
        lat: null,
        lng: null,
        type: 'UNKNOWN' as const,
        publish: true,
        directions: null,
        facilities: null,
        timeZone: null,
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
        etag: randomUUID(),
        created: base,
        modified: base,
        // groups of ten share a timestamp, so ties are broken by id across page boundaries
        lastUpdated: base + Math.floor(i / 10) * 1000,
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await crawlServer.dataSource.getRepository(Location).insert(rows.slice(i, i + 200));
      }
      const seen = new Set<string>();
      const updated: string[] = [];
      let next: string | undefined = `${LOCATIONS}?limit=95`;
      let pages = 0;
      while (next && pages < 100) {
        const page = await crawlServer.http().get(next).set(auth(token)).expect(200);
        if (pages === 0) expect(page.headers['x-total-count']).toBe('1000');
        expect(page.headers['x-total-count']).toBe('1000');
        for (const location of page.body.data) seen.add(location.id);
        // Meanwhile another client updates a location the crawl has not reached and one it has passed.
        const ahead = `C-${String(999 - pages * 7).padStart(4, '0')}`;
        const behind = page.body.data[0]?.id;
        for (const id of [ahead, behind].filter(Boolean)) {
          await crawlServer.http().patch(`${LOCATIONS}/${id}`).set(auth(token)).send({ remarks: `touched on page ${pages}` }).expect(200);
          updated.push(id);
        }
        const link = page.headers.link as string | undefined;
        next = link ? new URL(/<([^>]+)>/.exec(link)![1]).pathname + new URL(/<([^>]+)>/.exec(link)![1]).search : undefined;
        if (next) {
          expect(next).toContain('limit=95');
          expect(next).toContain('cursor=');
        }
        pages++;
      }
      expect(next).toBeUndefined();
      expect(seen.size).toBe(1000);
      for (const id of updated) expect(seen.has(id)).toBe(true);
    }
  });

  it('the Link keeps every filter of the request', async () => {
    for (let i = 0; i < 3; i++) await post(locationBody({ city: 'Delft', postal_code: `2611A${i}` })).expect(201);
    const first = await get(`${LOCATIONS}?city=Delft&limit=2&date_from=2020-01-01T00:00:00Z`).expect(200);
    expect(first.headers['x-total-count']).toBe('3');
    const link = /<([^>]+)>; rel="next"/.exec(first.headers.link)![1];
    const url = new URL(link);
    expect(url.searchParams.get('city')).toBe('Delft');
    expect(url.searchParams.get('date_from')).toBe('2020-01-01T00:00:00Z');
    expect(url.searchParams.get('limit')).toBe('2');
    const second = await get(url.pathname + url.search).expect(200);
    expect(second.body.data).toHaveLength(1);
    expect(second.headers['x-total-count']).toBe('3');
    expect(second.headers.link).toBeUndefined();
    const ids = [...first.body.data, ...second.body.data].map((l: { id: string }) => l.id);
    expect(new Set(ids).size).toBe(3);
  });

  describe('tenancy and auth', () => {
    beforeAll(async () => {
      await post(locationBody({ id: 'ACME-ONLY' })).expect(201);
    });

    it('CPO B gets 404 on A\'s location, never sees it in lists, and cannot change it', async () => {
      const notFound = await get(`${LOCATIONS}/ACME-ONLY`, other).expect(404);
      expect(notFound.body.status_code).toBe(2003);
      const list = await get(`${LOCATIONS}?limit=1000`, other).expect(200);
      expect(list.body.data.map((l: { cpo_id: string }) => l.cpo_id)).not.toContain('ACME');
      const filtered = await get(`${LOCATIONS}?cpoId=ACME`, other).expect(200);
      expect(filtered.body.data).toEqual([]);
      await server.http().patch(`${LOCATIONS}/ACME-ONLY`).set(auth(other)).send({ name: 'mine' }).expect(404);
      await server.http().put(`${LOCATIONS}/ACME-ONLY`).set(auth(other)).send(locationBody({ cpo_id: 'OTHER' })).expect(409);
      const foreign = await post(locationBody({ cpo_id: 'ACME' }), other).expect(400);
      expect(foreign.body.errors[0].field).toBe('cpo_id');
      expect((await get(`${LOCATIONS}/ACME-ONLY`).expect(200)).body.data.name).toBe('Central Station P1');
    });

    it('a location never changes CPO', async () => {
      const both = await server.token(['ACME', 'OTHER'], 'write');
      const res = await server.http().patch(`${LOCATIONS}/ACME-ONLY`).set(auth(both)).send({ cpo_id: 'OTHER' }).expect(400);
      expect(res.body.errors[0].field).toBe('cpo_id');
    });

    it('401 without or with an unknown token, 403 for writes with a read token; Base64 and Bearer forms work', async () => {
      const none = await server.http().get(LOCATIONS).expect(401);
      expect(none.body).toMatchObject({ status_code: 2000 });
      expect(none.body).not.toHaveProperty('data');
      await server.http().get(LOCATIONS).set('Authorization', 'Token cs_unknown').expect(401);
      await server.http().get(LOCATIONS).set('Authorization', 'Basic abc').expect(401);
      await get(`${LOCATIONS}/ACME-ONLY`, acmeRead).expect(200);
      const forbidden = await post(locationBody(), acmeRead).expect(403);
      expect(forbidden.body.status_code).toBe(2000);
      await server.http().patch(`${LOCATIONS}/ACME-ONLY`).set(auth(acmeRead)).send({ name: 'z' }).expect(403);
      await server.http().get(`${LOCATIONS}/ACME-ONLY`).set('Authorization', `Token ${Buffer.from(acme).toString('base64')}`).expect(200);
      await server.http().get(`${LOCATIONS}/ACME-ONLY`).set('Authorization', `Bearer ${acme}`).expect(200);
    });

    it('a revoked token is refused at once', async () => {
      const { ApiTokenRepository } = await import('../src/auth/api-token.repository.js');
      const token = await server.token(['ACME'], 'read');
      await get(LOCATIONS, token).expect(200);
      expect(await new ApiTokenRepository(server.dataSource).revoke(token)).toBe(true);
      await get(LOCATIONS, token).expect(401);
    });
  });

  describe('bad input is refused with a 4xx naming the field, and writes nothing', () => {
    const cases: [string, () => Promise<{ status: number; body: { status_code: number; errors?: { field: string }[] } }>, number, string | undefined][] = [
      ['malformed JSON', () => server.http().post(LOCATIONS).set(auth(acme)).set('Content-Type', 'application/json').send('{"name": '), 400, undefined],
      ['an unknown field', () => post(locationBody({ colour: 'blue' })), 400, 'colour'],
      ['an unknown nested field', () => post(locationBody({ coordinates: { latitude: '52.37880', longitude: '4.90030', altitude: '1' } })), 400, 'coordinates.altitude'],
      ['a 2-letter country', () => post(locationBody({ country: 'NL' })), 400, 'country'],
      ['a bad latitude', () => post(locationBody({ coordinates: { latitude: '52.3', longitude: '4.90030' } })), 400, 'coordinates.latitude'],
      ['a latitude out of range', () => post(locationBody({ coordinates: { latitude: '95.00000', longitude: '4.90030' } })), 400, 'coordinates.latitude'],
      ['a missing name', () => post(locationBody({ name: undefined })), 400, 'name'],
      ['a wrong type', () => post(locationBody({ publish: 'yes' })), 400, 'publish'],
      ['a bad enum', () => post(locationBody({ type: 'ROOFTOP' })), 400, 'type'],
      ['a bad nested value', () => post(locationBody({ directions: [{ language: 'english', text: 'x' }] })), 400, 'directions[0].language'],
      ['an unknown time zone', () => post(locationBody({ time_zone: 'Mars/Olympus' })), 400, 'time_zone'],
      ['an over-long name', () => post(locationBody({ name: 'n'.repeat(256) })), 400, 'name'],
      ['an id with a space', () => post(locationBody({ id: 'has space' })), 400, 'id'],
      ['a JSON array body', () => server.http().post(LOCATIONS).set(auth(acme)).send([locationBody()]), 400, undefined],
      ['a PATCH nulling a required field', () => server.http().patch(`${LOCATIONS}/ETAG-1`).set(auth(acme)).send({ city: null }), 400, 'city'],
      ['a path id differing from the body id', () => server.http().put(`${LOCATIONS}/ONE`).set(auth(acme)).send(locationBody({ id: 'TWO' })), 400, 'id'],
      [
        'a 1.5 MiB body',
        () => post(locationBody({ remarks: 'x'.repeat(1.5 * 1024 * 1024) })),
        413,
        undefined,
      ],
      ['a text/plain body', () => server.http().post(LOCATIONS).set(auth(acme)).set('Content-Type', 'text/plain').send('name=x'), 415, undefined],
    ];

    it.each(cases)('%s', async (_name, send, status, field) => {
      const before = await tableFingerprint(server.dataSource, 'locations');
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.body.status_code).toBe(status === 400 ? 2001 : 2000);
      expect(res.body).not.toHaveProperty('data');
      if (field) expect(res.body.errors?.map((e) => e.field)).toContain(field);
      expect(await tableFingerprint(server.dataSource, 'locations')).toBe(before);
    });
  });

  it('matches paths case-insensitively and echoes request ids', async () => {
    const res = await server
      .http()
      .get('/API/2.0/locations/etag-1')
      .set(auth(acme))
      .set('X-Request-ID', 'req-123')
      .set('X-Correlation-ID', 'corr-456')
      .expect(200);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.headers['x-correlation-id']).toBe('corr-456');
    const generated = await get(LOCATIONS).expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers['x-correlation-id']).toBe(generated.headers['x-request-id']);
  });

  it('answers health probes without a token', async () => {
    const live = await server.http().get('/health/live').expect(200);
    expect(live.body).toMatchObject({ status_code: 1000, data: { status: 'ok' } });
    const ready = await server.http().get('/health/ready').expect(200);
    expect(ready.body.data).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers unknown routes with the envelope', async () => {
    const res = await get('/api/2.0/Nothing').expect(404);
    expect(res.body).toMatchObject({ status_code: 2000 });
  });
});
