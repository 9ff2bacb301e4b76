import { runCli } from '../src/cli/cli.js';
import { seedDemoOnFirstStart } from '../src/database/demo-seed.js';
import { auth, dialect, startFreshServer, type TestServer } from './support/server.js';

describe(`CLI and first-start seed (${dialect})`, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startFreshServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, async () => server.dataSource, {
      out: (line) => out.push(...line.split('\n')),
      err: (line) => err.push(line),
    });
    return { code, out, err };
  }

  it('creates a CPO and tokens that work over HTTP, prints the token alone on the last line, and revokes it', async () => {
    expect((await cli('cpo:create', '--id', 'ACME', '--name', 'Acme Charging', '--country', 'NL', '--party', 'ACM')).code).toBe(0);
    expect((await cli('cpo:create', '--id', 'OTHER', '--name', 'Other', '--country', 'DE', '--party', 'OTH')).code).toBe(0);
    const created = await cli('token:create', '--cpo', 'ACME', '--cpo', 'OTHER', '--scope', 'write');
    expect(created.code).toBe(0);
    const token = created.out[created.out.length - 1];
    expect(token).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);

    const body = { cpo_id: 'OTHER', name: 'N', address: 'A', city: 'C', postal_code: 'P', country: 'DEU' };
    await server.http().post('/api/2.0/Locations').set(auth(token)).send(body).expect(201);
    await server.http().post('/api/2.0/Locations').set(auth(token)).send({ ...body, cpo_id: 'ACME' }).expect(201);

    const stored = await server.dataSource.query('SELECT token_hash FROM api_tokens');
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await cli('token:revoke', '--token', token)).code).toBe(0);
    await server.http().get('/api/2.0/Locations').set(auth(token)).expect(401);
    expect((await cli('token:revoke', '--token', token)).code).toBe(1);
  });

  it('refuses bad arguments with a message and exit code 1', async () => {
    const duplicate = await cli('cpo:create', '--id', 'ACME', '--name', 'Again', '--country', 'NL', '--party', 'ACM');
    expect(duplicate).toMatchObject({ code: 1, err: [expect.stringContaining('already exists')] });
    const badCountry = await cli('cpo:create', '--id', 'X1', '--name', 'X', '--country', 'NLD', '--party', 'XXX');
    expect(badCountry).toMatchObject({ code: 1, err: [expect.stringContaining('--country')] });
    expect((await cli('token:create', '--cpo', 'NOPE', '--scope', 'write')).code).toBe(1);
    expect((await cli('token:create', '--cpo', 'ACME', '--scope', 'admin')).code).toBe(1);
    expect((await cli('launch')).code).toBe(1);
  });

  it('seeds a demo CPO, location and working token once, only on the embedded database', async () => {
    const fresh = await startFreshServer({ demoSeed: true });
    try {
      const demo = await seedDemoOnFirstStart(fresh.settings, fresh.dataSource);
      if (dialect === 'mariadb') {
        expect(demo).toBeUndefined();
        return;
      }
      expect(demo).toMatchObject({ cpoId: 'DEMO', locationId: 'DEMO-LOC-1' });
      const res = await fresh.http().get('/api/2.0/Locations/DEMO-LOC-1').set(auth(demo!.token)).expect(200);
      expect(res.body.data.cpo_id).toBe('DEMO');
      expect(await seedDemoOnFirstStart(fresh.settings, fresh.dataSource)).toBeUndefined();
      expect(await seedDemoOnFirstStart({ ...fresh.settings, demoSeed: false }, fresh.dataSource)).toBeUndefined();
    } finally {
      await fresh.close();
    }
  });
});
