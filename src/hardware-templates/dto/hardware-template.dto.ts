import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Allow, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '../../common/pagination.js';
import { NestedArray, OneOf, OptionalNotNull, Required } from '../../common/validation/validators.js';
import { ConnectorWriteDto } from '../../evses/dto/connector.dto.js';
import { CAPABILITIES, type Capability } from '../../evses/evse.types.js';
import {
  CONNECTOR_FORMATS,
  CONNECTOR_STANDARDS,
  POWER_TYPES,
  type ConnectorFormat,
  type ConnectorStandard,
  type PowerType,
} from '../../evses/rules/connectors.js';

export const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9*\-_=:+|@.]{1,64}$/;
const IGNORED = 'Read-only: may be sent and is ignored.';

/** A template's connector: a station's connector rules (ConnectorWriteDto), with an integer id. */
export class ConnectorTemplateDto extends PickType(ConnectorWriteDto, ['standard', 'format', 'power_type', 'voltage', 'amperage', 'max_electric_power'] as const) {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'The OCPP connectorId; assigned consecutively when absent', example: 1 })
  @Min(1)
  @Max(9999)
  @IsInt({ message: '$property must be a whole number' })
  @OptionalNotNull()
  id?: number;
}

export class EvseTemplateDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Assigned in order when absent', example: 1 })
  @Min(1)
  @Max(999)
  @IsInt({ message: '$property must be a whole number' })
  @OptionalNotNull()
  evse_sequence_number?: number;

  @ApiPropertyOptional({ enum: CAPABILITIES, enumName: 'Capability', isArray: true, nullable: true })
  @IsOptional()
  @OneOf(CAPABILITIES, { each: true })
  @IsArray()
  capabilities?: Capability[] | null;

  @ApiProperty({ type: [ConnectorTemplateDto], minItems: 1 })
  @NestedArray(() => ConnectorTemplateDto, { minSize: 1 })
  @Required()
  connector_templates: ConnectorTemplateDto[];
}

/** Body of POST and PUT of a hardware template. */
export class HardwareTemplateWriteDto {
  @ApiPropertyOptional({
    description: 'Unique across the service, case-insensitive. Generated (UUID) when absent; must equal the path id on PUT /{templateId}.',
    maxLength: 64,
    pattern: TEMPLATE_ID_PATTERN.source,
    example: 'ALFEN-EVE-DOUBLE',
  })
  @Matches(TEMPLATE_ID_PATTERN, { message: '$property must be 1–64 characters of A-Z a-z 0-9 * - _ = : + | @ .' })
  @IsString()
  @OptionalNotNull()
  template_id?: string;

  @ApiProperty({ maxLength: 255, example: 'Alfen Eve Double Pro-line' })
  @MaxLength(255)
  @IsString()
  @Required()
  name: string;

  @ApiPropertyOptional({
    description: 'The CPO (cpo_id) the template belongs to. Defaults to the token\'s CPO; a token with several CPOs must name one here or in the cpsoIds header.',
    maxLength: 36,
    example: 'ACME',
  })
  @MaxLength(36)
  @IsString()
  @OptionalNotNull()
  tenant_id?: string;

  @ApiProperty({ type: [EvseTemplateDto], minItems: 1 })
  @NestedArray(() => EvseTemplateDto, { minSize: 1 })
  @Required()
  evse_templates: EvseTemplateDto[];

  @ApiPropertyOptional({ type: String, readOnly: true, description: IGNORED, format: 'date-time' })
  @Allow()
  created?: unknown;

  @ApiPropertyOptional({ type: String, readOnly: true, description: IGNORED, format: 'date-time' })
  @Allow()
  last_updated?: unknown;
}

export class ConnectorTemplateViewDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ enum: CONNECTOR_STANDARDS, enumName: 'ConnectorStandard' })
  standard: ConnectorStandard;

  @ApiProperty({ enum: CONNECTOR_FORMATS, enumName: 'ConnectorFormat' })
  format: ConnectorFormat;

  @ApiProperty({ enum: POWER_TYPES, enumName: 'PowerType' })
  power_type: PowerType;

  @ApiProperty({ type: 'integer' })
  voltage: number;

  @ApiProperty({ type: 'integer' })
  amperage: number;

  @ApiProperty({ type: 'integer', nullable: true })
  max_electric_power: number | null;
}

export class EvseTemplateViewDto {
  @ApiProperty({ type: 'integer', example: 1 })
  evse_sequence_number: number;

  @ApiProperty({ enum: CAPABILITIES, enumName: 'Capability', isArray: true, nullable: true })
  capabilities: Capability[] | null;

  @ApiProperty({ type: [ConnectorTemplateViewDto] })
  connector_templates: ConnectorTemplateViewDto[];
}

/** A hardware template as the API answers it. */
export class HardwareTemplateDto {
  @ApiProperty({ example: 'ALFEN-EVE-DOUBLE' })
  template_id: string;

  @ApiProperty({ example: 'Alfen Eve Double Pro-line' })
  name: string;

  @ApiProperty({ description: 'The owning CPO', example: 'ACME' })
  tenant_id: string;

  @ApiProperty({ type: [EvseTemplateViewDto] })
  evse_templates: EvseTemplateViewDto[];

  @ApiProperty({ readOnly: true, format: 'date-time' })
  created: string;

  @ApiProperty({ readOnly: true, format: 'date-time' })
  last_updated: string;
}

export class HardwareTemplateListQueryDto extends ListQueryDto {}
