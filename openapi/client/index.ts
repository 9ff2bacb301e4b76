/**
 * The Charge Stations API client: openapi-fetch typed by `schema.d.ts`, which
 * scripts/sdk/generate.mjs generates from openapi/openapi.json. Only this file is hand-written.
 *
 *   const api = createClient({ baseUrl: 'http://localhost:3000', token: 'cs_…' });
 *   const { data, response } = await api.GET('/api/1.0/ChargeStations/{chargeStationId}', {
 *     params: { path: { chargeStationId: 'CS-0001' } },
 *   });
 */
import createFetchClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

export interface ChargeStationsClientOptions extends ClientOptions {
  /** Where the API runs, e.g. `http://localhost:3000` (no trailing slash). */
  baseUrl: string;
  /** An API token; sent as `Authorization: Token <token>`. */
  token: string;
}

export type ChargeStationsClient = Client<paths>;

export function createClient({ token, headers, ...options }: ChargeStationsClientOptions): ChargeStationsClient {
  const merged = new Headers(headers as ConstructorParameters<typeof Headers>[0]);
  merged.set('Authorization', `Token ${token}`);
  return createFetchClient<paths>({ ...options, headers: Object.fromEntries(merged) });
}
