import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsTimestamp, NestedArray, OneOf, OptionalNotNull, Required } from '../validation/validators.js';
import { AUTH_RULE_TYPES, type AuthRuleType } from './ocpi.types.js';

/** Validated request shapes of the OCPI value types. Responses use the same classes for their schema. */

export class DisplayTextDto {
  @ApiProperty({ description: 'ISO 639-1 language code', example: 'en', pattern: '^[a-z]{2}$' })
  @IsString()
  @Required()
  @Matches(/^[a-z]{2}$/, { message: '$property must be an ISO 639-1 code (two lower-case letters)' })
  language: string;

  @ApiProperty({ maxLength: 512, example: 'Entrance at the back of the building' })
  @IsString()
  @Required()
  @MaxLength(512)
  text: string;
}

const HOUR_MINUTE = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;

export class RegularHoursDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday', example: 1 })
  @IsInt()
  @Required()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', example: '08:00' })
  @IsString()
  @Required()
  @Matches(HOUR_MINUTE, { message: '$property must be HH:MM' })
  period_begin: string;

  @ApiProperty({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', example: '20:00' })
  @IsString()
  @Required()
  @Matches(HOUR_MINUTE, { message: '$property must be HH:MM' })
  period_end: string;
}

export class ExceptionalPeriodDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-25T00:00:00.000Z' })
  @Required()
  @IsTimestamp()
  period_begin: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-26T00:00:00.000Z' })
  @Required()
  @IsTimestamp()
  period_end: string;
}

export class HoursDto {
  @ApiProperty({ description: 'Open around the clock', example: false })
  @IsBoolean()
  @Required()
  twentyfourseven: boolean;

  @ApiPropertyOptional({ type: [RegularHoursDto] })
  @NestedArray(() => RegularHoursDto)
  @OptionalNotNull()
  regular_hours?: RegularHoursDto[];

  @ApiPropertyOptional({ type: [ExceptionalPeriodDto] })
  @NestedArray(() => ExceptionalPeriodDto)
  @OptionalNotNull()
  exceptional_openings?: ExceptionalPeriodDto[];

  @ApiPropertyOptional({ type: [ExceptionalPeriodDto] })
  @NestedArray(() => ExceptionalPeriodDto)
  @OptionalNotNull()
  exceptional_closings?: ExceptionalPeriodDto[];
}

export class AuthRuleDto {
  @ApiProperty({ enum: AUTH_RULE_TYPES, enumName: 'AuthRuleType', example: 'ClosedGroups' })
  @Required()
  @OneOf(AUTH_RULE_TYPES)
  type: AuthRuleType;

  @ApiProperty({ maxLength: 255, example: 'fleet-amsterdam' })
  @IsString()
  @Required()
  @MaxLength(255)
  value: string;
}

export class EnergyMixDto {
  @ApiProperty({ maxLength: 36, example: 'green-2026' })
  @IsString()
  @Required()
  @MaxLength(36)
  energy_mix_profile_id: string;
}

export class CustomGroupDto {
  @ApiProperty({ maxLength: 255, example: 'Region North' })
  @IsString()
  @Required()
  @MaxLength(255)
  name: string;

  @ApiProperty({ maxLength: 255, example: 'RN-01' })
  @IsString()
  @Required()
  @MaxLength(255)
  external_id: string;
}

export class CustomisedFieldDto {
  @ApiProperty({ maxLength: 255, example: 'site_code' })
  @IsString()
  @Required()
  @MaxLength(255)
  type: string;

  @ApiProperty({ maxLength: 255, example: 'AMS-042' })
  @IsString()
  @Required()
  @MaxLength(255)
  value: string;
}

export const LATITUDE_PATTERN = /^-?[0-9]{1,2}\.[0-9]{5,7}$/;
export const LONGITUDE_PATTERN = /^-?[0-9]{1,3}\.[0-9]{5,7}$/;

export class GeoLocationDto {
  @ApiProperty({ pattern: LATITUDE_PATTERN.source, example: '52.37403' })
  @IsString()
  @Required()
  @Matches(LATITUDE_PATTERN, { message: '$property must match -?[0-9]{1,2}.[0-9]{5,7}, e.g. 52.37403' })
  latitude: string;

  @ApiProperty({ pattern: LONGITUDE_PATTERN.source, example: '4.88969' })
  @IsString()
  @Required()
  @Matches(LONGITUDE_PATTERN, { message: '$property must match -?[0-9]{1,3}.[0-9]{5,7}, e.g. 4.88969' })
  longitude: string;
}

export class BusinessDetailsDto {
  @ApiProperty({ example: 'Acme Charging' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  website: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  logo: null;
}
