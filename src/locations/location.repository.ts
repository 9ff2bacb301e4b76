import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { type Page, paginate } from '../common/pagination.js';
import { bulkInsert } from '../database/bulk-insert.js';
import { updateIfEtagMatches } from '../database/conditional-update.js';
import { inTransaction } from '../database/transactions.js';
import { EventRepository } from '../events/event.repository.js';
import { EventModule } from '../events/event.module.js';
import type { LocationListQueryDto } from './dto/location-query.dto.js';
import { Location } from './location.entity.js';

/** Metres per degree of latitude; the "near me" radius is at most 1 km, so a flat-earth formula is exact enough. */
const METRES_PER_DEGREE = 111_320;

/** The filters of a location list besides paging (tenancy included: the CPOs whose locations are listed). */
export interface LocationFilter {
  cpoPks: number[];
  country?: string;
  city?: string;
  postcode?: string;
  /** Within `radius` metres of this point. */
  near?: { latitude: number; longitude: number; radius: number };
}

/** Locations: the only reader and writer of the locations table, and so of their change events. */
@Injectable()
export class LocationRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventRepository,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(Location);
  }

  /** One page of the change feed (SPEC §2 lists) under these filters. */
  page(filter: LocationFilter, query: LocationListQueryDto): Promise<Page<Location>> {
    const qb = this.repository.createQueryBuilder('l');
    qb.where(filter.cpoPks.length ? { cpoPk: In(filter.cpoPks) } : '1 = 0');
    if (filter.country !== undefined) qb.andWhere('l.country = :country', { country: filter.country });
    if (filter.city !== undefined) qb.andWhere('l.city = :city', { city: filter.city });
    if (filter.postcode !== undefined) qb.andWhere('l.postal_code = :postcode', { postcode: filter.postcode });
    if (filter.near) {
      const { latitude, longitude, radius } = filter.near;
      const dLat = radius / METRES_PER_DEGREE;
      const lngScale = Math.max(Math.cos((latitude * Math.PI) / 180), 1e-6);
      const dLng = dLat / lngScale;
      // The bounding box first (indexed), then the circle.
      qb.andWhere('l.lat BETWEEN :minLat AND :maxLat AND l.lng BETWEEN :minLng AND :maxLng', {
        minLat: latitude - dLat,
        maxLat: latitude + dLat,
        minLng: longitude - dLng,
        maxLng: longitude + dLng,
      });
      qb.andWhere('((l.lat - :nearLat) * (l.lat - :nearLat) + (l.lng - :nearLng) * (l.lng - :nearLng) * :lngScale2) <= :radius2', {
        nearLat: latitude,
        nearLng: longitude,
        lngScale2: lngScale * lngScale,
        radius2: dLat * dLat,
      });
    }
    return paginate(qb, query, {
      lastUpdated: 'l.last_updated',
      id: 'l.id',
      key: (row) => ({ lastUpdated: row.lastUpdated, id: row.id }),
    });
  }

  /** The location with this id (case-insensitive), whichever CPO holds it. */
  findById(id: string): Promise<Location | null> {
    return this.repository.findOneBy({ id });
  }

  /** The location with this id if it belongs to one of these CPOs. */
  findVisible(cpoPks: number[], id: string): Promise<Location | null> {
    return this.repository.findOneBy({ id, cpoPk: In(cpoPks) });
  }

  /** Only the id (as stored) and CPO of a visible location: what a station written there needs. */
  findVisibleKey(cpoPks: number[], id: string): Promise<Pick<Location, 'id' | 'cpoPk'> | null> {
    return this.repository.findOne({ where: { id, cpoPk: In(cpoPks) }, select: { id: true, cpoPk: true } });
  }

  existsById(id: string): Promise<boolean> {
    return this.repository.existsBy({ id });
  }

  async countForCpo(cpoPk: number): Promise<number> {
    return this.repository.countBy({ cpoPk });
  }

  /** A new location with its `location.created` event (`answer`: the location as GET answers it). */
  async insert(location: Location, answer: unknown): Promise<void> {
    await this.events.transaction(async (manager, emit) => {
      await manager.insert(Location, location);
      emit({ type: 'location.created', cpoPk: location.cpoPk, data: answer, occurredAt: location.created });
    });
  }

  /** Many new locations at once (demo:generate), in transactions of `batchSize`. */
  async insertMany(locations: Partial<Location>[], batchSize: number): Promise<void> {
    for (let start = 0; start < locations.length; start += batchSize) {
      await inTransaction(this.dataSource, (manager) => bulkInsert(manager, Location, locations.slice(start, start + batchSize)));
    }
  }

  /**
   * Writes `changes` (with a new etag and last_updated) to the location with this id: one
   * conditional UPDATE, on `guardEtag` when given (412 when another write got in first), and the
   * `location.updated` event with the location as stored (`answer` makes its GET answer), in one
   * transaction. Returns the answer.
   */
  update<A>(
    id: string,
    guardEtag: string | undefined,
    changes: Partial<Location> & { etag: string; lastUpdated: number },
    answer: (stored: Location) => A,
  ): Promise<A> {
    return this.events.transaction(async (manager, emit) => {
      await updateIfEtagMatches(manager, Location, { id }, guardEtag, changes);
      const stored = await manager.findOneByOrFail(Location, { id });
      const answered = answer(stored);
      emit({ type: 'location.updated', cpoPk: stored.cpoPk, data: answered, occurredAt: changes.lastUpdated });
      return answered;
    });
  }
}

/** The location repository on its own: for the stations feature, which checks a station's location, without the locations API. */
@Module({ imports: [EventModule], providers: [LocationRepository], exports: [LocationRepository] })
export class LocationRepositoryModule {}
