import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import type { Answer } from '../common/envelope.js';
import { AnswersEtag, EtagInterceptor, RequestedEtag } from '../common/etag.interceptor.js';
import { Page } from '../common/pagination.js';
import { ApiErrorResponses, ApiIfMatch, ApiListResponse, ApiObjectResponse } from '../common/swagger.js';
import { LocationDto } from './dto/location.dto.js';
import { LocationGetQueryDto, LocationListQueryDto } from './dto/location-query.dto.js';
import { LocationPatchDto, LocationWriteDto } from './dto/location-write.dto.js';
import { LocationService } from './location.service.js';

const EXAMPLE = {
  id: 'LOC-AMS-0042',
  cpo_id: 'ACME',
  name: 'Central Station P1',
  address: 'Stationsplein 1',
  city: 'Amsterdam',
  postal_code: '1012AB',
  country: 'NLD',
  coordinates: { latitude: '52.37403', longitude: '4.88969' },
  type: 'PARKING_LOT',
  time_zone: 'Europe/Amsterdam',
  facilities: ['CAFE', 'TRAIN_STATION'],
};

@ApiTags('Locations')
@ApiSecurity('Token')
@Controller('api/2.0/Locations')
export class LocationController {
  constructor(private readonly locations: LocationService) {}

  @Get()
  @ApiOperation({
    operationId: 'Locations_GetAllLocations',
    summary: 'List locations (change feed)',
    description:
      'Locations of the token\'s CPOs, ordered by `last_updated` then `id`. Follow `Link: rel="next"` to crawl; ' +
      '`date_from`/`date_to` make it a change feed. `latitude` + `longitude` (+ `distanceinmeters`) find locations near a point.',
  })
  @ApiListResponse(LocationDto)
  @ApiErrorResponses(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: LocationListQueryDto): Promise<Page<LocationDto>> {
    return this.locations.list(principal, query);
  }

  @Get(':locationId')
  @AnswersEtag()
  @ApiOperation({
    operationId: 'Locations_GetLocationById',
    summary: 'Get one location',
    description:
      'One location of the token\'s CPOs with its EVSEs (`excludeEvses=true` leaves them out). The etag is in the body and the `ETag` header; ' +
      'another CPO\'s location answers 404.',
  })
  @ApiParam({ name: 'locationId', description: 'Location id (case-insensitive)' })
  @ApiObjectResponse(LocationDto)
  @ApiErrorResponses(400, 404)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('locationId') id: string,
    @Query() query: LocationGetQueryDto,
  ): Promise<LocationDto> {
    return this.locations.get(principal, id, query.excludeEvses);
  }

  @Post()
  @HttpCode(201)
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({
    operationId: 'Locations_CreateLocation',
    summary: 'Create a location',
    description: '`id` is generated (UUID) when absent. An id that exists, for any CPO, gives 409.',
  })
  @ApiBody({ type: LocationWriteDto, examples: { location: { value: EXAMPLE } } })
  @ApiObjectResponse(LocationDto, 201, 'Created')
  @ApiErrorResponses(400, 403, 409, 413, 415)
  create(@CurrentPrincipal() principal: Principal, @Body() body: LocationWriteDto): Promise<LocationDto> {
    return this.locations.create(principal, body);
  }

  @Put(':locationId')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({
    operationId: 'Locations_PutLocation',
    summary: 'Create or replace a location',
    description:
      'Creates the location when absent (201). Otherwise replaces it (200): optional fields not sent are cleared. ' +
      'Updating requires the etag (If-Match or body `etag`). A PUT identical to the stored location changes nothing, not even the etag.',
  })
  @ApiParam({ name: 'locationId', description: 'Location id (case-insensitive)' })
  @ApiIfMatch(true)
  @ApiBody({ type: LocationWriteDto, examples: { location: { value: { ...EXAMPLE, etag: '1d0c7b7e-0f57-4a43-9c1e-6f8a8d6f2b10' } } } })
  @ApiObjectResponse(LocationDto, 200, 'Replaced')
  @ApiObjectResponse(LocationDto, 201, 'Created')
  @ApiErrorResponses(400, 403, 409, 412, 413, 415, 428)
  put(
    @CurrentPrincipal() principal: Principal,
    @Param('locationId') id: string,
    @Body() body: LocationWriteDto,
    @RequestedEtag() etag: string | undefined,
  ): Promise<Answer<LocationDto>> {
    return this.locations.put(principal, id, body, etag);
  }

  @Patch(':locationId')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({
    operationId: 'Locations_PatchLocation',
    summary: 'Change some fields of a location',
    description: 'Only the fields sent change; an array or object sent replaces the stored one whole. The etag is optional but honoured.',
  })
  @ApiParam({ name: 'locationId', description: 'Location id (case-insensitive)' })
  @ApiIfMatch(false)
  @ApiBody({ type: LocationPatchDto, examples: { rename: { value: { name: 'Central Station P2' } } } })
  @ApiObjectResponse(LocationDto)
  @ApiErrorResponses(400, 403, 404, 412, 413, 415)
  patch(
    @CurrentPrincipal() principal: Principal,
    @Param('locationId') id: string,
    @Body() body: LocationPatchDto,
    @RequestedEtag() etag: string | undefined,
  ): Promise<LocationDto> {
    return this.locations.patch(principal, id, body, etag);
  }
}
