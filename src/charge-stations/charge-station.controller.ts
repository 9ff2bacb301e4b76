import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuthorizedInRead, CallerTokenHashes, CurrentPrincipal, type Principal } from '../auth/principal.js';
import type { Answer, SerialisedData } from '../common/envelope.js';
import { AnswersEtag, EtagInterceptor, RequestedEtag } from '../common/etag.interceptor.js';
import type { SerialisedPage } from '../common/pagination.js';
import { ApiErrorResponses, ApiIfMatch, ApiListResponse, ApiObjectResponse } from '../common/swagger.js';
import { ChargeStationService } from './charge-station.service.js';
import { ChargeStationDto } from './dto/charge-station.dto.js';
import { ChargeStationListQueryDto } from './dto/charge-station-query.dto.js';
import { ChargeStationPatchDto, ChargeStationWriteDto } from './dto/charge-station-write.dto.js';

export const STATION_EXAMPLE = {
  charge_station_id: 'CS-0001',
  location_id: 'LOC-AMS-0042',
  deploy_state: 'Production',
  default_charge_station_tariff_id: 'TARIFF-STD',
  charger_type: 'Public',
  name: 'Bay 1–2',
  evses: [
    {
      evse_sequence_number: 1,
      evse_id: 'NL*ACM*ECS0001*1',
      capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
      connectors: [
        { id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 },
      ],
    },
    {
      evse_sequence_number: 2,
      evse_id: 'NL*ACM*ECS0001*2',
      connectors: [
        { id: '2', standard: 'IEC_62196_T2_COMBO', format: 'CABLE', power_type: 'DC', voltage: 920, amperage: 200, max_electric_power: 150000 },
      ],
    },
  ],
};

const PATH_ID = { name: 'chargeStationId', description: 'The OCPP identity (case-insensitive)' };

@ApiTags('ChargeStations')
@ApiSecurity('Token')
@Controller('api/1.0/ChargeStations')
export class ChargeStationController {
  constructor(private readonly stations: ChargeStationService) {}

  @Get()
  @ApiOperation({
    operationId: 'ChargeStations_GetAllChargeStations',
    summary: 'List charge stations (change feed)',
    description:
      'Stations of the token\'s CPOs with their EVSEs and connectors, ordered by `last_updated` then id. Follow `Link: rel="next"` to crawl. ' +
      '`exclude_evses_modified=true` filters the date window on `modified` (own fields) instead of `last_updated`.',
  })
  @ApiListResponse(ChargeStationDto)
  @ApiErrorResponses(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ChargeStationListQueryDto): Promise<SerialisedPage> {
    return this.stations.list(principal, query);
  }

  @Get(':chargeStationId')
  @AnswersEtag()
  @ApiOperation({
    operationId: 'ChargeStations_GetChargeStationById',
    summary: 'Get one charge station',
    description: 'Real-time: statuses are read live from the database on every request.',
  })
  @ApiParam(PATH_ID)
  @ApiObjectResponse(ChargeStationDto)
  @ApiErrorResponses(404)
  @AuthorizedInRead()
  get(@CallerTokenHashes() tokenHashes: string[], @Param('chargeStationId') id: string): Promise<SerialisedData<ChargeStationDto>> {
    return this.stations.getForToken(tokenHashes, id);
  }

  @Post()
  @HttpCode(201)
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({
    operationId: 'ChargeStations_CreateChargeStation',
    summary: 'Create a charge station',
    description:
      'With `evses`, or with `charge_station_template_id` to build them from a hardware template. EVSE uids, sequence numbers ' +
      'and connector ids are assigned when absent. An id that exists, for any CPO, gives 409.',
  })
  @ApiBody({ type: ChargeStationWriteDto, examples: { manual: { value: STATION_EXAMPLE } } })
  @ApiObjectResponse(ChargeStationDto, 201, 'Created')
  @ApiErrorResponses(400, 403, 404, 409, 413, 415)
  create(@CurrentPrincipal() principal: Principal, @Body() body: ChargeStationWriteDto): Promise<ChargeStationDto> {
    return this.stations.create(principal, body);
  }

  @Put(':chargeStationId')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({
    operationId: 'ChargeStations_PutChargeStationById',
    summary: 'Create or replace a charge station',
    description:
      'Creates the station when absent (201). Otherwise replaces it (200, etag required): optional fields not sent are cleared, ' +
      'the EVSE set becomes the one sent (matched by `uid`), EVSEs no longer sent stay with status REMOVED. Live statuses are never ' +
      'overwritten. A PUT identical to the stored station changes nothing, not even the etag.',
  })
  @ApiParam(PATH_ID)
  @ApiIfMatch(true)
  @ApiBody({ type: ChargeStationWriteDto, examples: { manual: { value: { ...STATION_EXAMPLE, etag: '1d0c7b7e-0f57-4a43-9c1e-6f8a8d6f2b10' } } } })
  @ApiObjectResponse(ChargeStationDto, 200, 'Replaced')
  @ApiObjectResponse(ChargeStationDto, 201, 'Created')
  @ApiErrorResponses(400, 403, 404, 409, 412, 413, 415, 428)
  put(
    @CurrentPrincipal() principal: Principal,
    @Param('chargeStationId') id: string,
    @Body() body: ChargeStationWriteDto,
    @RequestedEtag() etag: string | undefined,
  ): Promise<Answer<ChargeStationDto>> {
    return this.stations.put(principal, id, body, etag);
  }

  @Patch(':chargeStationId')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({
    operationId: 'ChargeStations_PatchChargeStationById',
    summary: 'Change some fields of a charge station',
    description:
      'Only the fields sent change. `evses` and `charge_station_template_id` are not patchable here: use PUT or the EVSE endpoints. ' +
      'The etag is optional but honoured.',
  })
  @ApiParam(PATH_ID)
  @ApiIfMatch(false)
  @ApiBody({ type: ChargeStationPatchDto, examples: { deprecate: { value: { deploy_state: 'Deprecated' } } } })
  @ApiObjectResponse(ChargeStationDto)
  @ApiErrorResponses(400, 403, 404, 412, 413, 415)
  patch(
    @CurrentPrincipal() principal: Principal,
    @Param('chargeStationId') id: string,
    @Body() body: ChargeStationPatchDto,
    @RequestedEtag() etag: string | undefined,
  ): Promise<ChargeStationDto> {
    return this.stations.patch(principal, id, body, etag);
  }
}
