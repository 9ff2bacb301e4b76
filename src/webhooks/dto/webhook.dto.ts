import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../common/pagination.js';
import { IsTimestamp, OptionalNotNull, Required } from '../../common/validation/validators.js';
import { EVENT_TYPES } from '../../events/event-types.js';

/** What an endpoint may subscribe to: every feed type, or `*` for all. */
export const SUBSCRIBABLE = ['*', ...EVENT_TYPES.filter((t) => t !== 'webhook.test')];

export class WebhookEndpointCreateDto {
  @ApiProperty({ description: 'Where events are POSTed: `https://` (http only with WEBHOOK_ALLOW_HTTP); its host must resolve to public addresses', maxLength: 2048, example: 'https://partner.example.com/hooks/charging' })
  @MaxLength(2048)
  @IsString()
  @Required()
  url: string;

  @ApiProperty({ description: '`["*"]` for every event type, or the types wanted', type: [String], enum: SUBSCRIBABLE, example: ['evse.status_changed', 'charge_station.updated'] })
  @IsIn(SUBSCRIBABLE, { each: true, message: `each item of $property must be one of: ${SUBSCRIBABLE.join(', ')}` })
  @ArrayMaxSize(SUBSCRIBABLE.length)
  @ArrayMinSize(1)
  @IsArray()
  @Required()
  event_types: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255, example: 'Status updates for the driver app' })
  @IsOptional()
  @MaxLength(255)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({ type: Boolean, default: true, description: 'A disabled endpoint gets nothing; enabling it again clears `disabled_reason`' })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'The CPO whose events it gets; required when the token acts for several', maxLength: 36, example: 'ACME' })
  @OptionalNotNull()
  @MaxLength(36)
  @IsString()
  cpo_id?: string;
}

export class WebhookEndpointPatchDto extends PartialType(OmitType(WebhookEndpointCreateDto, ['cpo_id'] as const), { skipNullProperties: false }) {}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ACME' })
  cpo_id: string;

  @ApiProperty({ example: 'https://partner.example.com/hooks/charging' })
  url: string;

  @ApiProperty({ type: [String], enum: SUBSCRIBABLE })
  event_types: string[];

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Why the service disabled it (410 Gone, or every attempt failed for WEBHOOK_DISABLE_AFTER_HOURS)' })
  disabled_reason: string | null;

  @ApiProperty({ format: 'date-time' })
  created: string;

  @ApiProperty({ format: 'date-time' })
  last_updated: string;
}

export class WebhookEndpointCreatedDto extends WebhookEndpointDto {
  @ApiProperty({ description: 'The signing secret: shown in this answer only; verify deliveries with it (Standard Webhooks)', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret: string;
}

export class WebhookSecretDto {
  @ApiProperty({ description: 'The new signing secret: shown in this answer only', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret: string;

  @ApiProperty({ format: 'date-time', description: 'Until then deliveries carry a signature with the old secret too' })
  previous_secret_expires_at: string;
}

export class WebhookReplayDto {
  @ApiProperty({ format: 'date-time', description: 'Every event of the endpoint\'s types since then (within the retention period) is sent again', example: '2026-12-01T00:00:00Z' })
  @IsTimestamp()
  @Required()
  since: string;
}

export class WebhookReplayedDto {
  @ApiProperty({ type: 'integer', description: 'Events due again' })
  replayed: number;
}

export class WebhookTestSentDto {
  @ApiProperty({ description: 'The `webhook.test` event sent (its `webhook-id`)', example: 'evt_01KBJ6Q3ZP0000000000000000' })
  event_id: string;
}

export class WebhookAttemptDto {
  @ApiProperty({ example: 'evt_01KBJ6Q3ZP0000000000000000' })
  event_id: string;

  @ApiProperty({ example: 'evse.status_changed' })
  event_type: string;

  @ApiProperty({ type: 'integer', description: '1 for the first attempt of this event to this endpoint' })
  attempt: number;

  @ApiProperty({ format: 'date-time' })
  attempted_at: string;

  @ApiProperty({ enum: ['succeeded', 'failed'] })
  status: 'succeeded' | 'failed';

  @ApiProperty({ type: 'integer', nullable: true, description: 'The receiver\'s HTTP status, when it answered' })
  http_status: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it failed, e.g. `timeout: …`, `refused: …`, `http-status: …`' })
  error: string | null;

  @ApiProperty({ type: 'integer' })
  duration_ms: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it is tried again; null when delivered or given up' })
  next_attempt_at: string | null;
}

export class WebhookAttemptQueryDto extends OmitType(ListQueryDto, ['date_from', 'date_to', 'offset'] as const) {
  @ApiPropertyOptional({ enum: ['failed'], description: 'Only failed attempts' })
  @IsOptional()
  @IsIn(['failed'], { message: '$property must be failed' })
  status?: 'failed';
}
