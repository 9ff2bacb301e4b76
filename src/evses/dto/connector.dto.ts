import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Allow, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { OneOf, OptionalNotNull, Required } from '../../common/validation/validators.js';
import {
  CONNECTOR_FORMATS,
  CONNECTOR_STANDARDS,
  POWER_TYPES,
  type ConnectorFormat,
  type ConnectorStandard,
  type PowerType,
} from '../rules/connectors.js';

export const CONNECTOR_ID_PATTERN = /^[1-9][0-9]{0,3}$/;
const IGNORED = 'Read-only: may be sent (e.g. straight from a GET) and is ignored.';

/** A connector in a write body (SPEC §4 Connector). */
export class ConnectorWriteDto {
  @ApiPropertyOptional({
    description: 'The OCPP connectorId as a string, unique within the station. Assigned consecutively across the station when absent.',
    pattern: CONNECTOR_ID_PATTERN.source,
    example: '1',
  })
  @Matches(CONNECTOR_ID_PATTERN, { message: '$property must be the OCPP connectorId as a string: "1", "2", …' })
  @IsString()
  @OptionalNotNull()
  id?: string;

  @ApiProperty({ enum: CONNECTOR_STANDARDS, enumName: 'ConnectorStandard', example: 'IEC_62196_T2' })
  @OneOf(CONNECTOR_STANDARDS)
  @Required()
  standard: ConnectorStandard;

  @ApiProperty({ enum: CONNECTOR_FORMATS, enumName: 'ConnectorFormat', example: 'SOCKET' })
  @OneOf(CONNECTOR_FORMATS)
  @Required()
  format: ConnectorFormat;

  @ApiProperty({ enum: POWER_TYPES, enumName: 'PowerType', description: 'DC exactly for the COMBO and CHADEMO standards', example: 'AC_3_PHASE' })
  @OneOf(POWER_TYPES)
  @Required()
  power_type: PowerType;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1500, example: 230 })
  @Min(1)
  @Max(1500)
  @IsInt({ message: '$property must be a whole number' })
  @Required()
  voltage: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, example: 32 })
  @Min(1)
  @Max(1000)
  @IsInt({ message: '$property must be a whole number' })
  @Required()
  amperage: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, nullable: true, description: 'W', example: 22000 })
  @IsOptional()
  @Min(1)
  @IsInt({ message: '$property must be a whole number' })
  max_electric_power?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 36, description: 'Overrides the station default', example: 'TARIFF-AC-1' })
  @IsOptional()
  @MaxLength(36)
  @IsString()
  tariff_id?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 36 })
  @IsOptional()
  @MaxLength(36)
  @IsString()
  reimbursement_tariff_id?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uri', example: 'https://example.com/terms' })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl({ require_protocol: true }, { message: '$property must be a URL' })
  terms_and_conditions?: string | null;

  @ApiPropertyOptional({ readOnly: true, description: IGNORED, type: String })
  @Allow()
  connector_type?: unknown;

  @ApiPropertyOptional({ type: String, readOnly: true, description: IGNORED, format: 'date-time' })
  @Allow()
  last_updated?: unknown;
}

/** PATCH of one connector: any subset of its fields except `id`; null only where the field may be cleared. */
export class ConnectorPatchDto extends PartialType(OmitType(ConnectorWriteDto, ['id'] as const), { skipNullProperties: false }) {}

/** A connector as the API answers it. */
export class ConnectorDto {
  @ApiProperty({ example: '1' })
  id: string;

  @ApiProperty({ enum: CONNECTOR_STANDARDS, enumName: 'ConnectorStandard' })
  standard: ConnectorStandard;

  @ApiProperty({ enum: CONNECTOR_FORMATS, enumName: 'ConnectorFormat' })
  format: ConnectorFormat;

  @ApiProperty({ enum: POWER_TYPES, enumName: 'PowerType' })
  power_type: PowerType;

  @ApiProperty({ type: 'integer', example: 230 })
  voltage: number;

  @ApiProperty({ type: 'integer', example: 32 })
  amperage: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 22000 })
  max_electric_power: number | null;

  @ApiProperty({ type: String, nullable: true })
  tariff_id: string | null;

  @ApiProperty({ type: String, nullable: true })
  reimbursement_tariff_id: string | null;

  @ApiProperty({ type: String, nullable: true })
  terms_and_conditions: string | null;

  @ApiProperty({ readOnly: true, description: 'Internal connector name from the standard/format table', example: 'Mennekes_Socket' })
  connector_type: string;

  @ApiProperty({ readOnly: true, format: 'date-time' })
  last_updated: string;
}
