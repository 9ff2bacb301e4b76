import { Injectable } from '@nestjs/common';
import { type Principal, principalCpoPks } from '../auth/principal.js';
import { ApiError } from '../common/api-error.js';
import { JsonText, SerialisedData } from '../common/envelope.js';
import { DEFAULT_LIMIT, MAX_LIMIT, SerialisedPage } from '../common/pagination.js';
import { type EventFeedQueryDto, FEED_EVENT_TYPES } from './dto/event.dto.js';
import type { EventType } from './event-types.js';
import { EventRepository } from './event.repository.js';

/** The event feed (SPEC §10): the token's CPOs' published events in `sequence` order. */
@Injectable()
export class EventService {
  constructor(private readonly events: EventRepository) {}

  async feed(principal: Principal, query: EventFeedQueryDto): Promise<SerialisedPage> {
    const types = parseTypes(query.types);
    const limit = Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const cpoPks = principalCpoPks(principal);
    const [events, total] = await Promise.all([this.events.feed(cpoPks, query.after ?? 0, types, limit), this.events.count(cpoPks, types)]);
    const more = events.length > limit;
    if (more) events.pop();
    const next = more ? String(events[events.length - 1].sequence) : undefined;
    return new SerialisedPage(new JsonText(`[${events.map((e) => e.json).join(',')}]`), total, limit, next, 'after');
  }

  async get(principal: Principal, id: string): Promise<SerialisedData<unknown>> {
    const event = await this.events.byId(principalCpoPks(principal), id);
    if (!event) throw ApiError.notFound(`Event ${id} not found`);
    return new SerialisedData(new JsonText(event.json));
  }
}

/** `types=a,b`: each one a feed event type, else 400 naming `types`. */
export function parseTypes(text: string | undefined): EventType[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const types = [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
  const unknown = types.filter((t) => !FEED_EVENT_TYPES.includes(t as EventType));
  if (unknown.length) throw ApiError.field('types', `unknown event type ${unknown.join(', ')}; one of: ${FEED_EVENT_TYPES.join(', ')}`);
  return types as EventType[];
}
