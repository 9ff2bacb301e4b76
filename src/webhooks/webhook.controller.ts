import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ListQueryDto, type Page } from '../common/pagination.js';
import { ApiErrorResponses, ApiListResponse, ApiObjectResponse } from '../common/swagger.js';
import {
  WebhookAttemptDto,
  WebhookAttemptQueryDto,
  WebhookEndpointCreateDto,
  WebhookEndpointCreatedDto,
  WebhookEndpointDto,
  WebhookEndpointPatchDto,
  WebhookReplayDto,
  WebhookReplayedDto,
  WebhookSecretDto,
  WebhookTestSentDto,
} from './dto/webhook.dto.js';
import { WebhookService } from './webhook.service.js';

const ID = { name: 'webhookId', description: 'The endpoint id' };
const NO_ETAG = { etag: false };

@ApiTags('Webhooks')
@ApiSecurity('Token')
@Controller('api/1.0/webhooks')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Get()
  @ApiOperation({ operationId: 'Webhooks_GetWebhooks', summary: 'The webhook endpoints of the token\'s CPOs', description: 'Secrets are never listed.' })
  @ApiListResponse(WebhookEndpointDto)
  @ApiErrorResponses(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListQueryDto): Promise<Page<WebhookEndpointDto>> {
    return this.webhooks.list(principal, query);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'Webhooks_CreateWebhook',
    summary: 'Subscribe an endpoint to change events',
    description:
      'Every event of the CPO of one of the `event_types` (`*`: all) is POSTed to `url`, signed per Standard Webhooks with the `secret` ' +
      'in this answer (shown only here: keep it). `https` only, and a host that resolves to public addresses (settings relax both for ' +
      'development). Deliveries are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, ±20 %) until a 2xx.',
  })
  @ApiBody({ type: WebhookEndpointCreateDto, examples: { statuses: { value: { url: 'https://partner.example.com/hooks/charging', event_types: ['evse.status_changed', 'charge_station.updated'], description: 'Driver app' } } } })
  @ApiObjectResponse(WebhookEndpointCreatedDto, 201, 'Created', NO_ETAG)
  @ApiErrorResponses(400, 403, 413, 415)
  create(@CurrentPrincipal() principal: Principal, @Body() body: WebhookEndpointCreateDto): Promise<WebhookEndpointCreatedDto> {
    return this.webhooks.create(principal, body);
  }

  @Get(':webhookId')
  @ApiOperation({ operationId: 'Webhooks_GetWebhook', summary: 'One webhook endpoint', description: 'Its settings and state; never its secret.' })
  @ApiParam(ID)
  @ApiObjectResponse(WebhookEndpointDto, 200, 'Success', NO_ETAG)
  @ApiErrorResponses(404)
  get(@CurrentPrincipal() principal: Principal, @Param('webhookId') id: string): Promise<WebhookEndpointDto> {
    return this.webhooks.get(principal, id);
  }

  @Patch(':webhookId')
  @ApiOperation({ operationId: 'Webhooks_PatchWebhook', summary: 'Change a webhook endpoint', description: '`enabled: true` enables it again and clears `disabled_reason`.' })
  @ApiParam(ID)
  @ApiBody({ type: WebhookEndpointPatchDto, examples: { enable: { value: { enabled: true } } } })
  @ApiObjectResponse(WebhookEndpointDto, 200, 'Success', NO_ETAG)
  @ApiErrorResponses(400, 403, 404, 413, 415)
  patch(@CurrentPrincipal() principal: Principal, @Param('webhookId') id: string, @Body() body: WebhookEndpointPatchDto): Promise<WebhookEndpointDto> {
    return this.webhooks.patch(principal, id, body);
  }

  @Delete(':webhookId')
  @ApiOperation({ operationId: 'Webhooks_DeleteWebhook', summary: 'Remove a webhook endpoint', description: 'With its pending deliveries and its log. Answers the endpoint as it was.' })
  @ApiParam(ID)
  @ApiObjectResponse(WebhookEndpointDto, 200, 'Success', NO_ETAG)
  @ApiErrorResponses(403, 404)
  delete(@CurrentPrincipal() principal: Principal, @Param('webhookId') id: string): Promise<WebhookEndpointDto> {
    return this.webhooks.delete(principal, id);
  }

  @Post(':webhookId/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'Webhooks_RotateWebhookSecret',
    summary: 'A new signing secret',
    description: 'For 24 h deliveries carry two signatures (`webhook-signature` with both, space-separated): switch your receiver meanwhile.',
  })
  @ApiParam(ID)
  @ApiObjectResponse(WebhookSecretDto, 200, 'Success', NO_ETAG)
  @ApiErrorResponses(403, 404)
  rotateSecret(@CurrentPrincipal() principal: Principal, @Param('webhookId') id: string): Promise<WebhookSecretDto> {
    return this.webhooks.rotateSecret(principal, id);
  }

  @Post(':webhookId/test')
  @HttpCode(202)
  @ApiOperation({ operationId: 'Webhooks_TestWebhook', summary: 'Send a webhook.test event', description: 'To this endpoint only (also when disabled), like any event: signed and retried. See it in the deliveries.' })
  @ApiParam(ID)
  @ApiObjectResponse(WebhookTestSentDto, 202, 'Sent', NO_ETAG)
  @ApiErrorResponses(403, 404)
  test(@CurrentPrincipal() principal: Principal, @Param('webhookId') id: string): Promise<WebhookTestSentDto> {
    return this.webhooks.test(principal, id);
  }

  @Post(':webhookId/replay')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'Webhooks_ReplayWebhook',
    summary: 'Send events again',
    description: 'Every kept event of the endpoint\'s types since `since` is delivered again (recovery after a receiver outage), with its original `webhook-id`.',
  })
  @ApiParam(ID)
  @ApiBody({ type: WebhookReplayDto, examples: { since: { value: { since: '2026-12-01T00:00:00Z' } } } })
  @ApiObjectResponse(WebhookReplayedDto, 202, 'Due again', NO_ETAG)
  @ApiErrorResponses(400, 403, 404, 413, 415)
  replay(@CurrentPrincipal() principal: Principal, @Param('webhookId') id: string, @Body() body: WebhookReplayDto): Promise<WebhookReplayedDto> {
    return this.webhooks.replay(principal, id, body);
  }

  @Get(':webhookId/deliveries')
  @ApiOperation({
    operationId: 'Webhooks_GetWebhookDeliveries',
    summary: 'The delivery attempts to an endpoint',
    description: 'Newest first; `status=failed` for the failed ones. Follow `Link: rel="next"` for older ones.',
  })
  @ApiParam(ID)
  @ApiListResponse(WebhookAttemptDto)
  @ApiErrorResponses(400, 404)
  deliveries(@CurrentPrincipal() principal: Principal, @Param('webhookId') id: string, @Query() query: WebhookAttemptQueryDto): Promise<Page<WebhookAttemptDto>> {
    return this.webhooks.attempts(principal, id, query);
  }
}
