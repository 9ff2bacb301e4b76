import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsTimestamp, OneOf, Required } from '../../common/validation/validators.js';
import { EVSE_STATUSES, type EvseStatus } from '../rules/station-status.js';

/** A planned status of a station or EVSE over a period (GreenFlux StatusSchedule). */
export class StatusScheduleDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-01T08:00:00.000Z' })
  @IsTimestamp()
  @Required()
  period_begin: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, example: '2026-12-01T17:00:00.000Z' })
  @IsOptional()
  @IsTimestamp()
  period_end?: string | null;

  @ApiProperty({ enum: EVSE_STATUSES, enumName: 'EvseStatus', example: 'INOPERATIVE' })
  @OneOf(EVSE_STATUSES)
  @Required()
  status: EvseStatus;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255, example: 'Maintenance' })
  @IsOptional()
  @MaxLength(255)
  @IsString()
  status_message?: string | null;
}
