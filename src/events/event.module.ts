import { Module } from '@nestjs/common';
import { EventController } from './event.controller.js';
import { EventPublisher } from './event.publisher.js';
import { EventRepository } from './event.repository.js';
import { EventService } from './event.service.js';

/** Change events (SPEC §10): the outbox every write appends to, their publication, the feed. */
@Module({
  controllers: [EventController],
  providers: [EventRepository, EventPublisher, EventService],
  exports: [EventRepository, EventPublisher],
})
export class EventModule {}
