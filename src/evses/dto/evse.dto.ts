import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Allow, IsArray, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { StatusScheduleDto } from '../../charge-stations/dto/status-schedule.dto.js';
import { EVSE_STATUSES, type EvseStatus } from '../../charge-stations/rules/station-status.js';
import { DisplayTextDto, GeoLocationDto } from '../../common/ocpi/ocpi.dto.js';
import { NestedArray, NestedObject, OneOf, OptionalNotNull, Required } from '../../common/validation/validators.js';
import {
  CAPABILITIES,
  IMAGE_CATEGORIES,
  PARKING_RESTRICTIONS,
  type Capability,
  type ImageCategory,
  type ParkingRestriction,
} from '../evse.types.js';
import { EVSE_ID_PATTERN } from '../rules/evse-identity.js';
import { ConnectorDto, ConnectorWriteDto } from './connector.dto.js';

export const EVSE_UID_PATTERN = /^[A-Za-z0-9*\-_=:+|@.]{1,36}$/;
const IGNORED = 'Read-only: may be sent (e.g. straight from a GET) and is ignored.';

/** OCPI Image. */
export class ImageDto {
  @ApiProperty({ format: 'uri', example: 'https://example.com/img/charger.jpg' })
  @MaxLength(2048)
  @IsUrl({ require_protocol: true }, { message: '$property must be a URL' })
  @Required()
  url: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uri' })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl({ require_protocol: true }, { message: '$property must be a URL' })
  thumbnail?: string | null;

  @ApiProperty({ enum: IMAGE_CATEGORIES, enumName: 'ImageCategory', example: 'CHARGER' })
  @OneOf(IMAGE_CATEGORIES)
  @Required()
  category: ImageCategory;

  @ApiProperty({ maxLength: 4, description: 'Image type, e.g. jpeg or png', example: 'jpeg' })
  @MaxLength(4)
  @IsString()
  @Required()
  type: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 99999 })
  @IsOptional()
  @Min(1)
  @Max(99999)
  @IsInt({ message: '$property must be a whole number' })
  width?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 99999 })
  @IsOptional()
  @Min(1)
  @Max(99999)
  @IsInt({ message: '$property must be a whole number' })
  height?: number | null;
}

/** An EVSE in a write body (SPEC §4 EVSE). */
export class EvseWriteDto {
  @ApiPropertyOptional({
    description:
      'Unique within the CPO. Generated when absent: {country_code}-{party_id}-E{charge_station_id}-{evse_sequence_number}, or a UUID when that exceeds 36 characters.',
    maxLength: 36,
    example: 'NL-ACM-ECS-0001-1',
  })
  @Matches(EVSE_UID_PATTERN, { message: '$property must be 1–36 characters of A-Z a-z 0-9 * - _ = : + | @ .' })
  @IsString()
  @OptionalNotNull()
  uid?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 48,
    pattern: EVSE_ID_PATTERN.source,
    description: 'eMI3 EVSE id; unique among the CPO\'s non-REMOVED EVSEs',
    example: 'NL*ACM*ECS0001*1',
  })
  @IsOptional()
  @MaxLength(48)
  @Matches(EVSE_ID_PATTERN, { message: '$property must be an eMI3 EVSE id such as NL*ACM*E12345*1' })
  @IsString()
  evse_id?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: '1..n within the station. When absent: the number the EVSE with this uid already has, unless another EVSE of the body has it; otherwise the lowest free number', example: 1 })
  @Min(1)
  @Max(999)
  @IsInt({ message: '$property must be a whole number' })
  @OptionalNotNull()
  evse_sequence_number?: number;

  @ApiPropertyOptional({
    enum: EVSE_STATUSES,
    enumName: 'EvseStatus',
    description: 'Initial status of a new EVSE (default UNKNOWN). Ignored for an existing EVSE: its status changes only through the EVSE PATCH or the OCPP gateway.',
  })
  @OneOf(EVSE_STATUSES)
  @OptionalNotNull()
  status?: EvseStatus;

  @ApiPropertyOptional({ type: [StatusScheduleDto], nullable: true })
  @IsOptional()
  @NestedArray(() => StatusScheduleDto)
  status_schedule?: StatusScheduleDto[] | null;

  @ApiPropertyOptional({ enum: CAPABILITIES, enumName: 'Capability', isArray: true, nullable: true })
  @IsOptional()
  @OneOf(CAPABILITIES, { each: true })
  @IsArray()
  capabilities?: Capability[] | null;

  @ApiProperty({ type: [ConnectorWriteDto], minItems: 1 })
  @NestedArray(() => ConnectorWriteDto, { minSize: 1 })
  @Required()
  connectors: ConnectorWriteDto[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4, example: '-1' })
  @IsOptional()
  @MaxLength(4)
  @IsString()
  floor_level?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 16, example: 'Bay 3' })
  @IsOptional()
  @MaxLength(16)
  @IsString()
  physical_reference?: string | null;

  @ApiPropertyOptional({ type: GeoLocationDto, nullable: true })
  @IsOptional()
  @NestedObject(() => GeoLocationDto)
  coordinates?: GeoLocationDto | null;

  @ApiPropertyOptional({ type: [ImageDto], nullable: true })
  @IsOptional()
  @NestedArray(() => ImageDto)
  images?: ImageDto[] | null;

  @ApiPropertyOptional({ type: [DisplayTextDto], nullable: true, description: 'Station-specific; never part of a template' })
  @IsOptional()
  @NestedArray(() => DisplayTextDto)
  directions?: DisplayTextDto[] | null;

  @ApiPropertyOptional({
    enum: PARKING_RESTRICTIONS,
    enumName: 'ParkingRestriction',
    isArray: true,
    nullable: true,
    description: 'Station-specific; never part of a template',
  })
  @IsOptional()
  @OneOf(PARKING_RESTRICTIONS, { each: true })
  @IsArray()
  parking_restrictions?: ParkingRestriction[] | null;

  @ApiPropertyOptional({ type: String, readOnly: true, description: IGNORED, format: 'date-time' })
  @Allow()
  last_updated?: unknown;
}

/**
 * PATCH of one EVSE: any subset; `status` changes the live status; arrays sent replace the stored
 * ones whole; null only where the field may be cleared.
 */
export class EvsePatchDto extends PartialType(EvseWriteDto, { skipNullProperties: false }) {}

/** An EVSE as the API answers it. */
export class EvseDto {
  @ApiProperty({ example: 'NL-ACM-ECS-0001-1' })
  uid: string;

  @ApiProperty({ type: String, nullable: true, example: 'NL*ACM*ECS0001*1' })
  evse_id: string | null;

  @ApiProperty({ type: 'integer', example: 1 })
  evse_sequence_number: number;

  @ApiProperty({ enum: EVSE_STATUSES, enumName: 'EvseStatus', readOnly: true, description: 'Live: UNKNOWN while the charger is offline' })
  status: EvseStatus;

  @ApiProperty({ type: [StatusScheduleDto], nullable: true })
  status_schedule: StatusScheduleDto[] | null;

  @ApiProperty({ enum: CAPABILITIES, enumName: 'Capability', isArray: true, nullable: true })
  capabilities: Capability[] | null;

  @ApiProperty({ type: [ConnectorDto] })
  connectors: ConnectorDto[];

  @ApiProperty({ type: String, nullable: true })
  floor_level: string | null;

  @ApiProperty({ type: String, nullable: true })
  physical_reference: string | null;

  @ApiProperty({ type: GeoLocationDto, nullable: true })
  coordinates: GeoLocationDto | null;

  @ApiProperty({ type: [ImageDto], nullable: true })
  images: ImageDto[] | null;

  @ApiProperty({ type: [DisplayTextDto], nullable: true })
  directions: DisplayTextDto[] | null;

  @ApiProperty({ enum: PARKING_RESTRICTIONS, enumName: 'ParkingRestriction', isArray: true, nullable: true })
  parking_restrictions: ParkingRestriction[] | null;

  @ApiProperty({ readOnly: true, format: 'date-time' })
  last_updated: string;
}
