import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiParam, ApiProperty, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import type { SerialisedData } from '../common/envelope.js';
import type { SerialisedPage } from '../common/pagination.js';
import { ApiErrorResponses } from '../common/swagger.js';
import { EVENT_MODELS, EventFeedQueryDto, eventSchema } from './dto/event.dto.js';
import { EventService } from './event.service.js';

/** What every envelope carries besides `data` (SPEC §2). */
abstract class EnvelopeFields {
  @ApiProperty({ type: 'integer', example: 1000 })
  status_code: number;

  @ApiProperty({ example: 'Success' })
  status_message: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-03T12:00:00.000Z' })
  timestamp: string;
}

/** The feed's envelope: `data` is a list of events, each one of the event schemas (by `type`). */
class EventListEnvelope extends EnvelopeFields {
  @ApiProperty({ type: 'array', items: eventSchema() })
  data: unknown[];
}

class EventEnvelope extends EnvelopeFields {
  @ApiProperty(eventSchema())
  data: unknown;
}

const FEED_HEADERS = {
  'X-Total-Count': { description: 'Events of the token\'s CPOs under the `types` filter, whatever `after` says', schema: { type: 'integer' } },
  'X-Limit': { description: 'The page size applied', schema: { type: 'integer' } },
  Link: { description: '`<url>; rel="next"` while more events remain: this request with `after` the last `sequence` of this page', schema: { type: 'string' } },
};

@ApiTags('Events')
@ApiSecurity('Token')
@ApiExtraModels(...EVENT_MODELS)
@Controller('api/1.0/events')
export class EventController {
  constructor(private readonly events: EventService) {}

  @Get()
  @ApiOperation({
    operationId: 'Events_GetEvents',
    summary: 'The change feed: every event of the token\'s CPOs',
    description:
      'Events in `sequence` order after `after`. Follow `Link: rel="next"` (or pass the `sequence` of the last event you have as `after`) ' +
      'to read on: a client that does never misses an event, also one whose change committed after a later event was already listed ' +
      '(an event gets its `sequence` only once its change has committed). Events are kept EVENT_RETENTION_DAYS (30 by default). ' +
      'Webhooks push the same events.',
  })
  @ApiResponse({ status: 200, description: 'One page', type: EventListEnvelope, headers: FEED_HEADERS })
  @ApiErrorResponses(400)
  feed(@CurrentPrincipal() principal: Principal, @Query() query: EventFeedQueryDto): Promise<SerialisedPage> {
    return this.events.feed(principal, query);
  }

  @Get(':eventId')
  @ApiOperation({ operationId: 'Events_GetEvent', summary: 'One event', description: 'An event of the token\'s CPOs by its `id` (the `webhook-id` of its deliveries).' })
  @ApiParam({ name: 'eventId', description: 'The event id, `evt_…`' })
  @ApiResponse({ status: 200, description: 'Success', type: EventEnvelope })
  @ApiErrorResponses(404)
  get(@CurrentPrincipal() principal: Principal, @Param('eventId') id: string): Promise<SerialisedData<unknown>> {
    return this.events.get(principal, id);
  }
}
