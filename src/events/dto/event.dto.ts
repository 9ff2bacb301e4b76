import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { EVSE_STATUSES, type EvseStatus } from '../../charge-stations/rules/station-status.js';
import { CONNECTIVITY_STATUSES, type ConnectivityStatus } from '../../charge-stations/charge-station.types.js';
import { ChargeStationDto } from '../../charge-stations/dto/charge-station.dto.js';
import { HardwareTemplateDto } from '../../hardware-templates/dto/hardware-template.dto.js';
import { LocationDto } from '../../locations/dto/location.dto.js';
import { StationConfigurationDto } from '../../station-config/dto/station-configuration.dto.js';
import { EVENT_TYPES, type EventType } from '../event-types.js';

/** What every event has (SPEC §10): the feed's items and every webhook's body. */
abstract class EventBase {
  @ApiProperty({ description: 'Unique; the `webhook-id` header of every delivery of this event (the same on retries)', example: 'evt_01KBJ6Q3ZP0000000000000000' })
  id: string;

  @ApiProperty({ format: 'date-time', description: 'When the change happened', example: '2026-12-03T12:00:00.000Z' })
  timestamp: string;

  @ApiProperty({ example: 'ACME' })
  cpo_id: string;

  @ApiProperty({
    type: 'integer',
    description:
      'The feed position: increases with each event (of the CPO and across CPOs); not contiguous. Delivery order is not guaranteed: ' +
      'drop a state older than one you have, by `sequence` or by the object\'s `last_updated` and `etag`.',
    example: 4711,
  })
  sequence: number;
}

export class LocationEvent extends EventBase {
  @ApiProperty({ enum: ['location.created', 'location.updated'] })
  type: 'location.created' | 'location.updated';

  @ApiProperty({ type: LocationDto, description: 'The location as GET answered it at that moment' })
  data: LocationDto;
}

export class ChargeStationEvent extends EventBase {
  @ApiProperty({ enum: ['charge_station.created', 'charge_station.updated'] })
  type: 'charge_station.created' | 'charge_station.updated';

  @ApiProperty({ type: ChargeStationDto, description: 'The station as GET answered it at that moment' })
  data: ChargeStationDto;
}

export class EvseStatusChangedData {
  @ApiProperty({ example: 'CS-0001' })
  charge_station_id: string;

  @ApiProperty({ example: 'LOC-AMS-0042' })
  location_id: string;

  @ApiProperty({ example: 'NL-ACM-ECS-0001-1' })
  uid: string;

  @ApiProperty({ type: String, nullable: true, example: 'NL*ACM*ECS0001*1' })
  evse_id: string | null;

  @ApiProperty({ enum: EVSE_STATUSES, enumName: 'EvseStatus', description: 'The stored status (the EVSE PATCH or the charger)' })
  status: EvseStatus;

  @ApiProperty({ enum: EVSE_STATUSES, enumName: 'EvseStatus' })
  previous_status: EvseStatus;

  @ApiProperty({ format: 'date-time', description: 'The EVSE\'s new last_updated' })
  last_updated: string;
}

export class EvseStatusChangedEvent extends EventBase {
  @ApiProperty({ enum: ['evse.status_changed'] })
  type: 'evse.status_changed';

  @ApiProperty({ type: EvseStatusChangedData })
  data: EvseStatusChangedData;
}

export class ConnectivityChangedData {
  @ApiProperty({ example: 'CS-0001' })
  charge_station_id: string;

  @ApiProperty({ enum: CONNECTIVITY_STATUSES, enumName: 'ConnectivityStatus' })
  connectivity_status: ConnectivityStatus;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  client_ip_address: string | null;

  @ApiProperty({ format: 'date-time', description: 'When it changed: the connection or disconnection, or the moment the heartbeat was due' })
  changed_at: string;
}

export class ConnectivityChangedEvent extends EventBase {
  @ApiProperty({ enum: ['charge_station.connectivity_changed'] })
  type: 'charge_station.connectivity_changed';

  @ApiProperty({ type: ConnectivityChangedData })
  data: ConnectivityChangedData;
}

export class ConfigurationReportedEvent extends EventBase {
  @ApiProperty({ enum: ['charge_station.configuration_reported'] })
  type: 'charge_station.configuration_reported';

  @ApiProperty({ type: StationConfigurationDto, description: 'The configuration as GET /api/1.0/chargestationconfigurations/{id} answered it' })
  data: StationConfigurationDto;
}

export class HardwareTemplateEvent extends EventBase {
  @ApiProperty({ enum: ['hardware_template.created', 'hardware_template.updated'] })
  type: 'hardware_template.created' | 'hardware_template.updated';

  @ApiProperty({ type: HardwareTemplateDto })
  data: HardwareTemplateDto;
}

export class WebhookTestData {}

export class WebhookTestEvent extends EventBase {
  @ApiProperty({ enum: ['webhook.test'] })
  type: 'webhook.test';

  @ApiProperty({ type: WebhookTestData, description: 'Empty' })
  data: WebhookTestData;
}

/** Every event schema, by the types it carries: the feed's items and webhook bodies are one of these. */
export const EVENT_SCHEMAS = {
  LocationEvent: { model: LocationEvent, types: ['location.created', 'location.updated'] },
  ChargeStationEvent: { model: ChargeStationEvent, types: ['charge_station.created', 'charge_station.updated'] },
  EvseStatusChangedEvent: { model: EvseStatusChangedEvent, types: ['evse.status_changed'] },
  ConnectivityChangedEvent: { model: ConnectivityChangedEvent, types: ['charge_station.connectivity_changed'] },
  ConfigurationReportedEvent: { model: ConfigurationReportedEvent, types: ['charge_station.configuration_reported'] },
  HardwareTemplateEvent: { model: HardwareTemplateEvent, types: ['hardware_template.created', 'hardware_template.updated'] },
  WebhookTestEvent: { model: WebhookTestEvent, types: ['webhook.test'] },
} as const;

export const EVENT_MODELS = Object.values(EVENT_SCHEMAS).map((s) => s.model);

/** `oneOf` the event schemas, told apart by `type`. */
export function eventSchema(): Record<string, unknown> {
  const entries = Object.values(EVENT_SCHEMAS);
  return {
    oneOf: entries.map((e) => ({ $ref: getSchemaPath(e.model) })),
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(entries.flatMap((e) => e.types.map((type) => [type, getSchemaPath(e.model)]))),
    },
  };
}

/** Query of the feed. */
export class EventFeedQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Events after this `sequence` (the `sequence` of the last event you have); default 0: from the oldest kept' })
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @IsInt({ message: '$property must be a whole number' })
  after?: number;

  @ApiPropertyOptional({ description: `Comma-separated event types, e.g. \`evse.status_changed,charge_station.updated\`; one of: ${EVENT_TYPES.filter((t) => t !== 'webhook.test').join(', ')}` })
  @IsOptional()
  @IsString()
  types?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'Page size; values above 1000 are capped' })
  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @IsInt({ message: '$property must be a whole number' })
  limit?: number;
}

/** The event types a filter may name (the feed never lists `webhook.test`). */
export const FEED_EVENT_TYPES: readonly EventType[] = EVENT_TYPES.filter((t) => t !== 'webhook.test');

