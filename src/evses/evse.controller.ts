import { Body, Controller, Get, Param, Patch, Put, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import type { Answer } from '../common/envelope.js';
import { AnswersEtag, EtagInterceptor, RequestedEtag } from '../common/etag.interceptor.js';
import { ApiErrorResponses, ApiIfMatch, envelopeOf } from '../common/swagger.js';
import { ConnectorDto, ConnectorPatchDto } from './dto/connector.dto.js';
import { EvseDto, EvsePatchDto, EvseWriteDto } from './dto/evse.dto.js';
import { EvseService } from './evse.service.js';

const STATION = { name: 'chargeStationId', description: 'The OCPP identity (case-insensitive)' };
const UID = { name: 'uid', description: 'EVSE uid (case-insensitive)' };
const STATION_ETAG = {
  ETag: { description: 'The station\'s etag (EVSE definition changes change it; status changes do not)', schema: { type: 'string' } },
};

/** Every answer here carries the station's etag as `ETag` (EVSE definitions are part of the station). */
@ApiTags('EVSEs')
@ApiSecurity('Token')
@Controller('api/1.0/ChargeStations/:chargeStationId/evses')
export class EvseController {
  constructor(private readonly evses: EvseService) {}

  @Get()
  @AnswersEtag()
  @ApiOperation({ operationId: 'Evses_GetEvses', summary: 'The EVSEs of a station', description: 'REMOVED EVSEs included.' })
  @ApiParam(STATION)
  @ApiResponse({ status: 200, type: envelopeOf(EvseDto, true), headers: STATION_ETAG })
  @ApiErrorResponses(404)
  list(@CurrentPrincipal() principal: Principal, @Param('chargeStationId') stationId: string): Promise<Answer<EvseDto[]>> {
    return this.evses.list(principal, stationId);
  }

  @Get(':uid')
  @AnswersEtag()
  @ApiOperation({
    operationId: 'Evses_GetEvse',
    summary: 'One EVSE of a station',
    description: 'The EVSE with its connectors and live status. Its `ETag` is the station\'s etag: EVSE definitions are part of the station.',
  })
  @ApiParam(STATION)
  @ApiParam(UID)
  @ApiResponse({ status: 200, type: envelopeOf(EvseDto), headers: STATION_ETAG })
  @ApiErrorResponses(404)
  get(@CurrentPrincipal() principal: Principal, @Param('chargeStationId') stationId: string, @Param('uid') uid: string): Promise<Answer<EvseDto>> {
    return this.evses.get(principal, stationId, uid);
  }

  @Put(':uid')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({
    operationId: 'Evses_UpsertEvse',
    summary: 'Create or replace one EVSE',
    description:
      'Requires the station\'s etag in If-Match (missing → 428, stale → 412); the station\'s new etag comes back in the ETag header. ' +
      'The EVSE\'s live status is kept (a new EVSE may carry its initial status).',
  })
  @ApiParam(STATION)
  @ApiParam(UID)
  @ApiIfMatch(true)
  @ApiBody({
    type: EvseWriteDto,
    examples: {
      evse: {
        value: {
          evse_sequence_number: 3,
          directions: [{ language: 'en', text: 'Left of the entrance' }],
          parking_restrictions: ['EV_ONLY'],
          connectors: [{ id: '3', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 16 }],
        },
      },
    },
  })
  @ApiResponse({ status: 200, description: 'Replaced', type: envelopeOf(EvseDto), headers: STATION_ETAG })
  @ApiResponse({ status: 201, description: 'Created', type: envelopeOf(EvseDto), headers: STATION_ETAG })
  @ApiErrorResponses(400, 403, 404, 409, 412, 413, 415, 428)
  put(
    @CurrentPrincipal() principal: Principal,
    @Param('chargeStationId') stationId: string,
    @Param('uid') uid: string,
    @Body() body: EvseWriteDto,
    @RequestedEtag() etag: string | undefined,
  ): Promise<Answer<EvseDto>> {
    return this.evses.put(principal, stationId, uid, body, etag);
  }

  @Patch(':uid')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({
    operationId: 'Evses_PatchEvse',
    summary: 'Change some fields of one EVSE',
    description:
      '`status` sets the live status (the station\'s etag and last_updated stay; status REMOVED retires the EVSE). Other fields change ' +
      'the EVSE\'s definition, and so the station\'s etag. Arrays sent replace the stored ones whole. If-Match is optional but honoured.',
  })
  @ApiParam(STATION)
  @ApiParam(UID)
  @ApiIfMatch(false)
  @ApiBody({
    type: EvsePatchDto,
    examples: {
      status: { value: { status: 'OUTOFORDER' } },
      site: { value: { directions: [{ language: 'en', text: 'Behind the barrier' }], parking_restrictions: ['CUSTOMERS'] } },
    },
  })
  @ApiResponse({ status: 200, type: envelopeOf(EvseDto), headers: STATION_ETAG })
  @ApiErrorResponses(400, 403, 404, 409, 412, 413, 415)
  patch(
    @CurrentPrincipal() principal: Principal,
    @Param('chargeStationId') stationId: string,
    @Param('uid') uid: string,
    @Body() body: EvsePatchDto,
    @RequestedEtag() etag: string | undefined,
  ): Promise<Answer<EvseDto>> {
    return this.evses.patch(principal, stationId, uid, body, etag);
  }

  @Get(':uid/connectors/:connectorId')
  @AnswersEtag()
  @ApiOperation({
    operationId: 'Evses_GetConnector',
    summary: 'One connector of an EVSE',
    description: 'One connector, addressed by its OCPP connectorId. Its `ETag` is the station\'s etag.',
  })
  @ApiParam(STATION)
  @ApiParam(UID)
  @ApiParam({ name: 'connectorId', description: 'The OCPP connectorId, e.g. 1' })
  @ApiResponse({ status: 200, type: envelopeOf(ConnectorDto), headers: STATION_ETAG })
  @ApiErrorResponses(404)
  getConnector(
    @CurrentPrincipal() principal: Principal,
    @Param('chargeStationId') stationId: string,
    @Param('uid') uid: string,
    @Param('connectorId') connectorId: string,
  ): Promise<Answer<ConnectorDto>> {
    return this.evses.getConnector(principal, stationId, uid, connectorId);
  }

  @Patch(':uid/connectors/:connectorId')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({
    operationId: 'Evses_PatchConnector',
    summary: 'Change some fields of one connector',
    description: 'A definition change: the station\'s etag and last_updated move. If-Match is optional but honoured.',
  })
  @ApiParam(STATION)
  @ApiParam(UID)
  @ApiParam({ name: 'connectorId', description: 'The OCPP connectorId, e.g. 1' })
  @ApiIfMatch(false)
  @ApiBody({ type: ConnectorPatchDto, examples: { tariff: { value: { tariff_id: 'TARIFF-FAST' } } } })
  @ApiResponse({ status: 200, type: envelopeOf(ConnectorDto), headers: STATION_ETAG })
  @ApiErrorResponses(400, 403, 404, 412, 413, 415)
  patchConnector(
    @CurrentPrincipal() principal: Principal,
    @Param('chargeStationId') stationId: string,
    @Param('uid') uid: string,
    @Param('connectorId') connectorId: string,
    @Body() body: ConnectorPatchDto,
    @RequestedEtag() etag: string | undefined,
  ): Promise<Answer<ConnectorDto>> {
    return this.evses.patchConnector(principal, stationId, uid, connectorId, body, etag);
  }
}
