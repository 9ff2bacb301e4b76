import { ApiHideProperty, ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Allow, IsBoolean, IsNumber, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { AuthRuleDto, DisplayTextDto } from '../../common/ocpi/ocpi.dto.js';
import { IsTimestamp, NestedArray, NotPatchable, OneOf, OptionalNotNull, Required } from '../../common/validation/validators.js';
import { AuthorField, BodyEtagField } from '../../common/validation/write-fields.js';
import { EvseWriteDto } from '../../evses/dto/evse.dto.js';
import { CHARGE_STATION_ID_PATTERN } from '../../evses/rules/evse-identity.js';
import {
  CHARGER_TYPES,
  CONTACTLESS_TYPES,
  DEPLOY_STATES,
  PROTOCOL_VERSIONS,
  type ChargerType,
  type ContactlessType,
  type DeployState,
} from '../charge-station.types.js';
import { StatusScheduleDto } from './status-schedule.dto.js';

const LIVE = 'Read-only (live): may be sent, e.g. straight from a GET, and is ignored.';
const REPORTED = 'Read-only (reported by the charger): may be sent only with its current value; another value → 400.';

/**
 * Body of POST and PUT `/api/1.0/ChargeStations`. PUT replaces the station: optional fields not
 * sent become null/default, the EVSE set becomes the one sent (matched by `uid`).
 */
export class ChargeStationWriteDto {
  @ApiProperty({
    description: 'The OCPP identity: unique across the service, case-insensitive, immutable. `ChargestationTemplate` is reserved.',
    maxLength: 48,
    pattern: CHARGE_STATION_ID_PATTERN.source,
    example: 'CS-0001',
  })
  @Matches(CHARGE_STATION_ID_PATTERN, { message: '$property must be 1–48 characters of A-Z a-z 0-9 * - _ = : + | @ .' })
  @IsString()
  @Required()
  charge_station_id: string;

  @ApiProperty({ description: 'A location of the token\'s CPOs', maxLength: 36, example: 'LOC-AMS-0042' })
  @MaxLength(36)
  @IsString()
  @Required()
  location_id: string;

  @ApiProperty({ enum: DEPLOY_STATES, enumName: 'DeployState', example: 'Production' })
  @OneOf(DEPLOY_STATES)
  @Required()
  deploy_state: DeployState;

  @ApiProperty({ maxLength: 36, example: 'TARIFF-STD' })
  @MaxLength(36)
  @IsString()
  @Required()
  default_charge_station_tariff_id: string;

  @ApiProperty({ enum: CHARGER_TYPES, enumName: 'ChargerType', example: 'Public' })
  @OneOf(CHARGER_TYPES)
  @Required()
  charger_type: ChargerType;

  @ApiPropertyOptional({
    type: [EvseWriteDto],
    description: 'Required unless charge_station_template_id is given; never both.',
  })
  @NestedArray(() => EvseWriteDto, { minSize: 1 })
  @OptionalNotNull()
  evses?: EvseWriteDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 64,
    description: 'Build the EVSEs and connectors from this hardware template of the station\'s CPO (copied, not linked).',
  })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  charge_station_template_id?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255, example: 'Bay 1–2' })
  @IsOptional()
  @MaxLength(255)
  @IsString()
  name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @IsOptional()
  @MaxLength(1000)
  @IsString()
  remarks?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @IsOptional()
  @MaxLength(1000)
  @IsString()
  maintenance_info?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', example: '2026-03-01T09:00:00.000Z' })
  @IsOptional()
  @IsTimestamp()
  installation_date?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 36 })
  @IsOptional()
  @MaxLength(36)
  @IsString()
  default_charge_station_reimbursement_tariff_id?: string | null;

  @ApiPropertyOptional({ type: [DisplayTextDto], nullable: true })
  @IsOptional()
  @NestedArray(() => DisplayTextDto)
  default_charge_station_directions?: DisplayTextDto[] | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4, example: '0' })
  @IsOptional()
  @MaxLength(4)
  @IsString()
  default_charge_station_floor_level?: string | null;

  @ApiPropertyOptional({ enum: CONTACTLESS_TYPES, enumName: 'ContactlessType', nullable: true })
  @IsOptional()
  @OneOf(CONTACTLESS_TYPES)
  contactless_type?: ContactlessType | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 })
  @IsOptional()
  @MaxLength(255)
  @IsString()
  contactless_terminal_serial_number?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, example: 25 })
  @IsOptional()
  @Min(0)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a number' })
  contactless_terminal_auth_amount?: number | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  tap_to_stop?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  stop_on_parking?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  dynamic_time_based_tariffs?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  time_of_use_tariffs?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  exclude_vat?: boolean | null;

  @ApiPropertyOptional({ type: [StatusScheduleDto], nullable: true })
  @IsOptional()
  @NestedArray(() => StatusScheduleDto)
  status_schedule?: StatusScheduleDto[] | null;

  @ApiPropertyOptional({ type: [AuthRuleDto], nullable: true, description: 'Who may charge here exclusively' })
  @IsOptional()
  @NestedArray(() => AuthRuleDto)
  auth_rules?: AuthRuleDto[] | null;

  @AuthorField()
  created_by?: string | null;

  @AuthorField()
  modified_by?: string | null;

  @BodyEtagField()
  etag?: string | null;

  @ApiPropertyOptional({ readOnly: true, description: LIVE, type: String })
  @Allow()
  status?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: LIVE, type: String })
  @Allow()
  connectivity_status?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: LIVE, type: String, nullable: true })
  @Allow()
  client_ip_address?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: LIVE, type: String, nullable: true })
  @Allow()
  charging_speed?: unknown;

  @ApiPropertyOptional({ type: String, readOnly: true, description: LIVE, format: 'date-time' })
  @Allow()
  created?: unknown;

  @ApiPropertyOptional({ type: String, readOnly: true, description: LIVE, format: 'date-time' })
  @Allow()
  modified?: unknown;

  @ApiPropertyOptional({ type: String, readOnly: true, description: LIVE, format: 'date-time' })
  @Allow()
  last_updated?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: 'integer' })
  @Allow()
  heartbeat_interval?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: String, nullable: true })
  @Allow()
  charge_point_model?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: String, nullable: true })
  @Allow()
  charge_point_vendor?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: String, nullable: true })
  @Allow()
  charge_point_serial_number?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: String, nullable: true })
  @Allow()
  charge_box_serial_number?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: String, nullable: true })
  @Allow()
  firmware_version?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: String, nullable: true })
  @Allow()
  iccid?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: String, nullable: true })
  @Allow()
  imsi?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: String, nullable: true })
  @Allow()
  meter_serial_number?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: String, nullable: true })
  @Allow()
  meter_type?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: Boolean })
  @Allow()
  remote_manageable?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, enum: PROTOCOL_VERSIONS, enumName: 'ProtocolVersion', nullable: true })
  @Allow()
  protocol_version?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: REPORTED, type: String })
  @Allow()
  endpoint?: unknown;
}

const EVSE_ENDPOINTS = 'use PUT of the station or the EVSE endpoints';

/**
 * PATCH: only the fields sent change; null only where the field may be cleared. `evses` and
 * `charge_station_template_id` are not part of it (SPEC §4) and are refused with a hint when sent.
 */
export class ChargeStationPatchDto extends PartialType(OmitType(ChargeStationWriteDto, ['evses', 'charge_station_template_id'] as const), {
  skipNullProperties: false,
}) {
  @ApiHideProperty()
  @NotPatchable(EVSE_ENDPOINTS)
  evses?: never;

  @ApiHideProperty()
  @NotPatchable(EVSE_ENDPOINTS)
  charge_station_template_id?: never;
}
