import { Module } from '@nestjs/common';
import { EventModule } from '../events/event.module.js';
import { WebhookController } from './webhook.controller.js';
import { WebhookRelay } from './webhook.relay.js';
import { WebhookRepository } from './webhook.repository.js';
import { WebhookService } from './webhook.service.js';

/** Webhook endpoints and the delivery of events to them (SPEC §10). */
@Module({
  imports: [EventModule],
  controllers: [WebhookController],
  providers: [WebhookRepository, WebhookService, WebhookRelay],
  exports: [WebhookRelay],
})
export class WebhookModule {}
