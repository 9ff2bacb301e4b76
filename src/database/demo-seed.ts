import type { DataSource } from 'typeorm';
import type { Settings } from '../settings/settings.js';
import { ApiTokenRepository } from '../auth/api-token.repository.js';
import { CpoRepository } from '../auth/cpo.repository.js';
import { newEtag } from '../common/etag.js';
import type { LocationWriteDto } from '../locations/dto/location-write.dto.js';
import { Location } from '../locations/location.entity.js';
import { LocationRepository } from '../locations/location.repository.js';
import { fieldsFromWrite, toLocationDto } from '../locations/location.mapper.js';
import { EventRepository } from '../events/event.repository.js';
import { isEmbedded } from './data-source.js';

export interface DemoSeed {
  cpoId: string;
  locationId: string;
  token: string;
}

/**
 * On an empty database: a demo CPO with one location and a write token. Returns undefined when the
 * database already has a CPO. The token exists only in the return value; the database keeps its hash.
 */
export async function seedDemoIfEmpty(dataSource: DataSource): Promise<DemoSeed | undefined> {
  const cpos = new CpoRepository(dataSource);
  if (!(await cpos.isEmpty())) return undefined;
  const now = Date.now();
  const cpo = await cpos.create({ cpoId: 'DEMO', name: 'Demo Charging', countryCode: 'NL', partyId: 'DEM' });
  const body = {
    cpo_id: 'DEMO',
    name: 'Demo Location',
    address: 'Stationsplein 1',
    city: 'Amsterdam',
    postal_code: '1012AB',
    country: 'NLD',
    coordinates: { latitude: '52.37880', longitude: '4.90030' },
    type: 'PARKING_LOT',
    time_zone: 'Europe/Amsterdam',
  } as LocationWriteDto;
  const location = Object.assign(new Location(), {
    ...fieldsFromWrite(body),
    id: 'DEMO-LOC-1',
    cpoPk: cpo.pk,
    etag: newEtag(),
    created: now,
    modified: now,
    lastUpdated: now,
  });
  await new LocationRepository(dataSource, new EventRepository(dataSource)).insert(location, toLocationDto(location, cpo, []));
  const token = await new ApiTokenRepository(dataSource).create(['DEMO'], 'write');
  return { cpoId: 'DEMO', locationId: 'DEMO-LOC-1', token };
}

/** SPEC §9: only on the embedded database, only when enabled, only while it is empty. */
export function seedDemoOnFirstStart(settings: Settings, dataSource: DataSource): Promise<DemoSeed | undefined> {
  if (!isEmbedded(settings) || !settings.demoSeed) return Promise.resolve(undefined);
  return seedDemoIfEmpty(dataSource);
}
