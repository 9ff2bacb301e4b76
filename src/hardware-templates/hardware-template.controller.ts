import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import type { Answer } from '../common/envelope.js';
import { Page } from '../common/pagination.js';
import { ApiErrorResponses, ApiListResponse, ApiObjectResponse } from '../common/swagger.js';
import { HardwareTemplateDto, HardwareTemplateListQueryDto, HardwareTemplateWriteDto } from './dto/hardware-template.dto.js';
import { HardwareTemplateService } from './hardware-template.service.js';

const EXAMPLE = {
  template_id: 'ALFEN-EVE-DOUBLE',
  name: 'Alfen Eve Double Pro-line',
  evse_templates: [
    {
      evse_sequence_number: 1,
      capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
      connector_templates: [{ id: 1, standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 }],
    },
    {
      evse_sequence_number: 2,
      capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
      connector_templates: [{ id: 2, standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 }],
    },
  ],
};

/** Templates carry no etag: a PUT replaces without a precondition. */
const NO_ETAG = { etag: false };

const CPSO_IDS = {
  name: 'cpsoIds',
  required: false,
  description: 'For a token with several CPOs: the CPO (cpo_id) a new template belongs to, when the body has no tenant_id',
};

@ApiTags('HardwareTemplates')
@ApiSecurity('Token')
@Controller('api/1.0/ChargeStations/ChargestationTemplate')
export class HardwareTemplateController {
  constructor(private readonly templates: HardwareTemplateService) {}

  @Get()
  @ApiOperation({
    operationId: 'ChargeStations_GetChargeStationTemplate',
    summary: 'List hardware templates',
    description:
      'Templates of the token\'s CPOs, ordered by `last_updated` then id; `date_from`/`date_to` make it a change feed, ' +
      '`Link: rel="next"` continues the crawl.',
  })
  @ApiListResponse(HardwareTemplateDto)
  @ApiErrorResponses(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: HardwareTemplateListQueryDto): Promise<Page<HardwareTemplateDto>> {
    return this.templates.list(principal, query);
  }

  @Get(':templateId')
  @ApiOperation({
    operationId: 'ChargeStations_GetChargeStationTemplateById',
    summary: 'Get one hardware template',
    description: 'One template of the token\'s CPOs with its EVSE and connector templates; another CPO\'s template answers 404.',
  })
  @ApiParam({ name: 'templateId', description: 'Template id (case-insensitive)' })
  @ApiObjectResponse(HardwareTemplateDto, 200, 'Success', NO_ETAG)
  @ApiErrorResponses(404)
  get(@CurrentPrincipal() principal: Principal, @Param('templateId') id: string): Promise<HardwareTemplateDto> {
    return this.templates.get(principal, id);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'ChargeStations_CreateChargeStationTemplate',
    summary: 'Create a hardware template',
    description: '`template_id` is generated when absent; an id that exists gives 409. Sequence numbers and connector ids are assigned when absent.',
  })
  @ApiHeader(CPSO_IDS)
  @ApiBody({ type: HardwareTemplateWriteDto, examples: { template: { value: EXAMPLE } } })
  @ApiObjectResponse(HardwareTemplateDto, 201, 'Created', NO_ETAG)
  @ApiErrorResponses(400, 403, 409, 413, 415)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: HardwareTemplateWriteDto,
    @Headers('cpsoids') cpsoIds: string | undefined,
  ): Promise<HardwareTemplateDto> {
    return this.templates.create(principal, body, cpsoIds);
  }

  @Put()
  @ApiOperation({
    operationId: 'ChargeStations_PutChargeStationTemplate',
    summary: 'Create or replace a hardware template (id in the body)',
    description: 'Creates (201) or replaces (200) the template named by the body\'s template_id. Stations built from it earlier do not change.',
  })
  @ApiHeader(CPSO_IDS)
  @ApiBody({ type: HardwareTemplateWriteDto, examples: { template: { value: EXAMPLE } } })
  @ApiObjectResponse(HardwareTemplateDto, 200, 'Replaced', NO_ETAG)
  @ApiObjectResponse(HardwareTemplateDto, 201, 'Created', NO_ETAG)
  @ApiErrorResponses(400, 403, 409, 413, 415)
  upsert(
    @CurrentPrincipal() principal: Principal,
    @Body() body: HardwareTemplateWriteDto,
    @Headers('cpsoids') cpsoIds: string | undefined,
  ): Promise<Answer<HardwareTemplateDto>> {
    return this.templates.put(principal, undefined, body, cpsoIds);
  }

  @Put(':templateId')
  @ApiOperation({
    operationId: 'ChargeStations_PutChargeStationTemplateById',
    summary: 'Create or replace a hardware template',
    description: 'Creates (201) or replaces (200) the template. Stations built from it earlier do not change.',
  })
  @ApiParam({ name: 'templateId', description: 'Template id (case-insensitive)' })
  @ApiHeader(CPSO_IDS)
  @ApiBody({ type: HardwareTemplateWriteDto, examples: { template: { value: EXAMPLE } } })
  @ApiObjectResponse(HardwareTemplateDto, 200, 'Replaced', NO_ETAG)
  @ApiObjectResponse(HardwareTemplateDto, 201, 'Created', NO_ETAG)
  @ApiErrorResponses(400, 403, 409, 413, 415)
  upsertById(
    @CurrentPrincipal() principal: Principal,
    @Param('templateId') id: string,
    @Body() body: HardwareTemplateWriteDto,
    @Headers('cpsoids') cpsoIds: string | undefined,
  ): Promise<Answer<HardwareTemplateDto>> {
    return this.templates.put(principal, id, body, cpsoIds);
  }
}
