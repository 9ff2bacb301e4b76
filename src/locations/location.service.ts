import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Cpo } from '../auth/cpo.entity.js';
import { type Principal, principalCpo, principalCpoPks } from '../auth/principal.js';
import { ApiError, StatusCode } from '../common/api-error.js';
import { Answer } from '../common/envelope.js';
import { checkEtag, newEtag } from '../common/etag.js';
import { changedColumns } from '../common/changes.js';
import type { Page } from '../common/pagination.js';
import { ChargeStationRepository } from '../charge-stations/charge-station.repository.js';
import type { EvseDto } from '../evses/dto/evse.dto.js';
import { evseViews } from '../charge-stations/charge-station.mapper.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import type { LocationDto } from './dto/location.dto.js';
import type { LocationListQueryDto } from './dto/location-query.dto.js';
import type { LocationPatchDto, LocationWriteDto } from './dto/location-write.dto.js';
import { Location } from './location.entity.js';
import { LocationRepository } from './location.repository.js';
import {
  fieldsAfterPatch,
  fieldsFromWrite,
  fieldsOf,
  type LocationFields,
  toLocationDto,
} from './location.mapper.js';


@Injectable()
export class LocationService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly locations: LocationRepository,
    private readonly stations: ChargeStationRepository,
  ) {}

  /** The `evses` of each location: every EVSE of its stations (left out when excluded). */
  private async evsesOf(locationIds: string[], exclude: boolean | undefined): Promise<(id: string) => EvseDto[] | undefined> {
    if (exclude) return () => undefined;
    const stations = await this.stations.atLocations(locationIds);
    return (id) => (stations.get(id.toLowerCase()) ?? []).flatMap((station) => evseViews(station, this.settings));
  }

  async list(principal: Principal, query: LocationListQueryDto): Promise<Page<LocationDto>> {
    let cpoPks = principalCpoPks(principal);
    if (query.cpoId !== undefined) cpoPks = principalCpo(principal, query.cpoId) ? [principalCpo(principal, query.cpoId)!.pk] : [];
    if ((query.latitude === undefined) !== (query.longitude === undefined)) {
      const missing = query.latitude === undefined ? 'latitude' : 'longitude';
      throw ApiError.field(missing, `${missing} is required together with ${missing === 'latitude' ? 'longitude' : 'latitude'}`);
    }
    const near =
      query.latitude !== undefined && query.longitude !== undefined
        ? { latitude: query.latitude, longitude: query.longitude, radius: query.distanceinmeters ?? 100 }
        : undefined;
    const page = await this.locations.page({ cpoPks, country: query.country, city: query.city, postcode: query.postcode, near }, query);
    const cpos = new Map(principal.cpos.map((cpo) => [cpo.pk, cpo]));
    const evsesOf = await this.evsesOf(page.items.map((row) => row.id), query.exclude_evses);
    return page.map((row) => toLocationDto(row, cpos.get(row.cpoPk)!, evsesOf(row.id)));
  }

  async get(principal: Principal, id: string, excludeEvses = false): Promise<LocationDto> {
    const { location, cpo } = await this.findVisible(principal, id);
    return toLocationDto(location, cpo, (await this.evsesOf([location.id], excludeEvses))(location.id));
  }

  async create(principal: Principal, body: LocationWriteDto): Promise<LocationDto> {
    const cpo = this.writableCpo(principal, body.cpo_id);
    const id = body.id ?? randomUUID();
    if (await this.locations.existsById(id)) throw ApiError.conflict(`A location with id ${id} already exists`);
    return this.insert(cpo, id, fieldsFromWrite(body));
  }

  /** PUT: creates when absent (201); otherwise replaces, guarded by the etag (`requested`, see RequestedEtag). */
  async put(principal: Principal, id: string, body: LocationWriteDto, requested: string | undefined): Promise<Answer<LocationDto>> {
    if (body.id !== undefined && body.id.toLowerCase() !== id.toLowerCase()) {
      throw ApiError.field('id', 'id in the body must equal the id in the path');
    }
    const existing = await this.locations.findById(id);
    if (!existing) {
      const cpo = this.writableCpo(principal, body.cpo_id);
      return new Answer(await this.insert(cpo, id, fieldsFromWrite(body)), { created: true });
    }
    const cpo = principal.cpos.find((c) => c.pk === existing.cpoPk);
    if (!cpo) throw ApiError.conflict(`A location with id ${id} already exists`);
    const guard = checkEtag(requested, existing.etag, true);
    this.assertSameCpo(cpo, body.cpo_id);
    return new Answer(await this.update(existing, cpo, guard, fieldsFromWrite(body)));
  }

  /** PATCH: only the fields sent change. Honours an etag when one is sent; without one, never loses a concurrent update. */
  async patch(principal: Principal, id: string, body: LocationPatchDto, requested: string | undefined): Promise<LocationDto> {
    const { location, cpo } = await this.findVisible(principal, id);
    const guard = checkEtag(requested, location.etag, false);
    if (body.cpo_id !== undefined) this.assertSameCpo(cpo, body.cpo_id);
    return this.update(location, cpo, guard, fieldsAfterPatch(fieldsOf(location), body));
  }

  private async findVisible(principal: Principal, id: string): Promise<{ location: Location; cpo: Cpo }> {
    const location = await this.locations.findVisible(principalCpoPks(principal), id);
    const cpo = location && principal.cpos.find((c) => c.pk === location.cpoPk);
    if (!location || !cpo) throw ApiError.notFound(`Location ${id} not found`, StatusCode.UNKNOWN_LOCATION);
    return { location, cpo };
  }

  private writableCpo(principal: Principal, cpoId: string): Cpo {
    const cpo = principalCpo(principal, cpoId);
    if (!cpo) throw ApiError.field('cpo_id', `cpo_id must be one of this token's CPOs (${principal.cpos.map((c) => c.cpoId).join(', ')})`);
    return cpo;
  }

  private assertSameCpo(cpo: Cpo, cpoId: string): void {
    if (cpoId !== cpo.cpoId) throw ApiError.field('cpo_id', 'cpo_id cannot change: a location never changes CPO');
  }

  private async insert(cpo: Cpo, id: string, fields: LocationFields): Promise<LocationDto> {
    this.assertCoordinatesInRange(fields);
    const now = Date.now();
    const location = Object.assign(new Location(), {
      ...fields,
      id,
      cpoPk: cpo.pk,
      etag: newEtag(),
      created: now,
      modified: now,
      lastUpdated: now,
    });
    const answer = toLocationDto(location, cpo, []);
    await this.locations.insert(location, answer);
    return answer;
  }

  /**
   * Writes only the columns that change, with a new etag; guarded by `guardEtag` when the client
   * sent one. A write that changes nothing writes nothing.
   */
  private async update(current: Location, cpo: Cpo, guardEtag: string | undefined, fields: LocationFields): Promise<LocationDto> {
    this.assertCoordinatesInRange(fields);
    const changed = changedColumns(fieldsOf(current), fields);
    // A location write changes none of its stations: their EVSEs can be read before it.
    const evses = (await this.evsesOf([current.id], false))(current.id);
    if (Object.keys(changed).length === 0) return toLocationDto(current, cpo, evses);
    const now = Date.now();
    const changes = { ...changed, etag: newEtag(), modified: now, lastUpdated: now };
    return this.locations.update(current.id, guardEtag, changes, (stored) => toLocationDto(stored, cpo, evses));
  }

  private assertCoordinatesInRange(fields: LocationFields): void {
    if (fields.lat !== null && Math.abs(fields.lat) > 90) {
      throw ApiError.field('coordinates.latitude', 'latitude must be between -90 and 90');
    }
    if (fields.lng !== null && Math.abs(fields.lng) > 180) {
      throw ApiError.field('coordinates.longitude', 'longitude must be between -180 and 180');
    }
  }
}
