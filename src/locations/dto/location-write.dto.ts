import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  Allow,
  IsArray,
  IsBoolean,
  IsISO31661Alpha3,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  AuthRuleDto,
  BusinessDetailsDto,
  CustomGroupDto,
  CustomisedFieldDto,
  DisplayTextDto,
  EnergyMixDto,
  GeoLocationDto,
  HoursDto,
} from '../../common/ocpi/ocpi.dto.js';
import {
  ACCESS_TYPES,
  FACILITIES,
  LOCATION_TYPES,
  type AccessType,
  type Facility,
  type LocationType,
} from '../../common/ocpi/ocpi.types.js';
import { IsIanaTimeZone, NestedArray, NestedObject, OneOf, OptionalNotNull, Required } from '../../common/validation/validators.js';
import { AuthorField, BodyEtagField } from '../../common/validation/write-fields.js';

export const OBJECT_ID_PATTERN = /^[A-Za-z0-9*\-_=:+|@.]{1,36}$/;

const IGNORED = 'Read-only: may be sent (e.g. straight from a GET) and is ignored.';

/**
 * Body of POST and PUT `/api/2.0/Locations`. PUT replaces the location: optional fields not sent
 * are cleared (or reset to their default).
 */
export class LocationWriteDto {
  @ApiPropertyOptional({
    description: 'Unique across the service, compared case-insensitively. Generated (UUID) on POST when absent; must equal the path id on PUT.',
    maxLength: 36,
    pattern: OBJECT_ID_PATTERN.source,
    example: 'LOC-AMS-0042',
  })
  @Matches(OBJECT_ID_PATTERN, { message: '$property must be 1–36 characters of A-Z a-z 0-9 * - _ = : + | @ .' })
  @IsString()
  @OptionalNotNull()
  id?: string;

  @ApiProperty({ description: 'The owning CPO: one of the token\'s CPOs. Immutable.', maxLength: 36, example: 'ACME' })
  @MaxLength(36)
  @IsString()
  @Required()
  cpo_id: string;

  @ApiProperty({ maxLength: 255, example: 'Central Station P1' })
  @MaxLength(255)
  @IsString()
  @Required()
  name: string;

  @ApiProperty({ maxLength: 255, example: 'Stationsplein 1' })
  @MaxLength(255)
  @IsString()
  @Required()
  address: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255, example: 'Level -1' })
  @IsOptional()
  @MaxLength(255)
  @IsString()
  address_line_2?: string | null;

  @ApiProperty({ maxLength: 45, example: 'Amsterdam' })
  @MaxLength(45)
  @IsString()
  @Required()
  city: string;

  @ApiProperty({ maxLength: 10, example: '1012AB' })
  @MaxLength(10)
  @IsString()
  @Required()
  postal_code: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 45, example: 'Noord-Holland' })
  @IsOptional()
  @MaxLength(45)
  @IsString()
  state?: string | null;

  @ApiProperty({ description: 'ISO 3166-1 alpha-3', minLength: 3, maxLength: 3, example: 'NLD' })
  @IsISO31661Alpha3({ message: '$property must be an ISO 3166-1 alpha-3 country code, e.g. NLD' })
  @Required()
  country: string;

  @ApiPropertyOptional({ type: GeoLocationDto, nullable: true })
  @IsOptional()
  @NestedObject(() => GeoLocationDto)
  coordinates?: GeoLocationDto | null;

  @ApiPropertyOptional({ enum: LOCATION_TYPES, enumName: 'LocationType', nullable: true, default: 'UNKNOWN', description: 'Left out or null: UNKNOWN', example: 'PARKING_LOT' })
  @IsOptional()
  @OneOf(LOCATION_TYPES)
  type?: LocationType | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Shown to drivers', default: true, example: true })
  @IsOptional()
  @IsBoolean()
  publish?: boolean | null;

  @ApiPropertyOptional({ type: [DisplayTextDto], nullable: true })
  @IsOptional()
  @NestedArray(() => DisplayTextDto)
  directions?: DisplayTextDto[] | null;

  @ApiPropertyOptional({ enum: FACILITIES, enumName: 'Facility', isArray: true, nullable: true, example: ['CAFE'] })
  @IsOptional()
  @OneOf(FACILITIES, { each: true })
  @IsArray()
  facilities?: Facility[] | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'IANA time-zone name', example: 'Europe/Amsterdam' })
  @IsOptional()
  @IsIanaTimeZone()
  time_zone?: string | null;

  @ApiPropertyOptional({ type: HoursDto, nullable: true })
  @IsOptional()
  @NestedObject(() => HoursDto)
  opening_times?: HoursDto | null;

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

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 })
  @IsOptional()
  @MaxLength(255)
  @IsString()
  cpo_customer_external_id?: string | null;

  @ApiPropertyOptional({ enum: ACCESS_TYPES, enumName: 'AccessType', nullable: true, example: 'PUBLIC' })
  @IsOptional()
  @OneOf(ACCESS_TYPES)
  access_type?: AccessType | null;

  @ApiPropertyOptional({ type: [AuthRuleDto], nullable: true, description: 'Who may charge here exclusively' })
  @IsOptional()
  @NestedArray(() => AuthRuleDto)
  auth_rules?: AuthRuleDto[] | null;

  @ApiPropertyOptional({ type: EnergyMixDto, nullable: true })
  @IsOptional()
  @NestedObject(() => EnergyMixDto)
  energy_mix?: EnergyMixDto | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 })
  @IsOptional()
  @MaxLength(255)
  @IsString()
  payment_provider?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 })
  @IsOptional()
  @MaxLength(255)
  @IsString()
  wallet_id?: string | null;

  @ApiPropertyOptional({ type: [CustomGroupDto], nullable: true })
  @IsOptional()
  @NestedArray(() => CustomGroupDto)
  custom_groups?: CustomGroupDto[] | null;

  @ApiPropertyOptional({ type: [CustomisedFieldDto], nullable: true })
  @IsOptional()
  @NestedArray(() => CustomisedFieldDto)
  customised_fields?: CustomisedFieldDto[] | null;

  @AuthorField()
  created_by?: string | null;

  @AuthorField()
  modified_by?: string | null;

  @BodyEtagField()
  etag?: string | null;

  @ApiPropertyOptional({ readOnly: true, description: IGNORED, type: 'array', items: { type: 'object', additionalProperties: true } })
  @Allow()
  evses?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: IGNORED, type: BusinessDetailsDto, nullable: true })
  @Allow()
  operator?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: IGNORED, type: BusinessDetailsDto, nullable: true })
  @Allow()
  suboperator?: unknown;

  @ApiPropertyOptional({ readOnly: true, description: IGNORED, type: BusinessDetailsDto, nullable: true })
  @Allow()
  owner?: unknown;

  @ApiPropertyOptional({ type: String, readOnly: true, description: IGNORED, format: 'date-time' })
  @Allow()
  created?: unknown;

  @ApiPropertyOptional({ type: String, readOnly: true, description: IGNORED, format: 'date-time' })
  @Allow()
  modified?: unknown;

  @ApiPropertyOptional({ type: String, readOnly: true, description: IGNORED, format: 'date-time' })
  @Allow()
  last_updated?: unknown;
}

/**
 * Body of PATCH: any subset of the fields; arrays and objects sent replace the stored ones whole;
 * null only where the field may be cleared.
 */
export class LocationPatchDto extends PartialType(LocationWriteDto, { skipNullProperties: false }) {}
