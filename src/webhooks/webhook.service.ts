import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Cpo } from '../auth/cpo.entity.js';
import { type Principal, principalCpo, principalCpoPks } from '../auth/principal.js';
import { ApiError } from '../common/api-error.js';
import { DEFAULT_LIMIT, type ListQueryDto, MAX_LIMIT, Page } from '../common/pagination.js';
import { formatTimestamp, parseTimestamp } from '../common/time.js';
import { EventRepository } from '../events/event.repository.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import { generateWebhookSecret, rotateSecrets } from './delivery/signing.js';
import { checkWebhookTarget } from './delivery/target-guard.js';
import type {
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
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookRepository } from './webhook.repository.js';

/** Webhook endpoints of the token's CPOs (SPEC §10): never another CPO's, and secrets answered only when made. */
@Injectable()
export class WebhookService {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly events: EventRepository,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async create(principal: Principal, body: WebhookEndpointCreateDto): Promise<WebhookEndpointCreatedDto> {
    const cpo = this.cpoFor(principal, body.cpo_id);
    const url = await this.checkedUrl(body.url);
    const now = Date.now();
    const secret = generateWebhookSecret();
    const endpoint = Object.assign(new WebhookEndpoint(), {
      id: randomUUID(),
      cpoPk: cpo.pk,
      url,
      description: body.description ?? null,
      eventTypes: eventTypes(body.event_types),
      enabled: body.enabled ?? true,
      disabledReason: null,
      secrets: [{ secret, expiresAt: null }],
      failingSince: null,
      created: now,
      lastUpdated: now,
    });
    await this.webhooks.insertEndpoint(endpoint);
    return { ...toDto(endpoint, cpo), secret };
  }

  async list(principal: Principal, query: ListQueryDto): Promise<Page<WebhookEndpointDto>> {
    const page = await this.webhooks.pageOfEndpoints(principalCpoPks(principal), query);
    return page.map((endpoint) => toDto(endpoint, this.cpoOf(principal, endpoint)));
  }

  async get(principal: Principal, id: string): Promise<WebhookEndpointDto> {
    const endpoint = await this.find(principal, id);
    return toDto(endpoint, this.cpoOf(principal, endpoint));
  }

  async patch(principal: Principal, id: string, body: WebhookEndpointPatchDto): Promise<WebhookEndpointDto> {
    const endpoint = await this.find(principal, id);
    const changes: Partial<WebhookEndpoint> = {};
    if (body.url !== undefined) changes.url = await this.checkedUrl(body.url);
    if (body.event_types !== undefined) changes.eventTypes = eventTypes(body.event_types);
    if (body.description !== undefined) changes.description = body.description;
    if (body.enabled !== undefined) {
      changes.enabled = body.enabled;
      // Enabled again: a fresh start, whatever disabled it.
      if (body.enabled) Object.assign(changes, { disabledReason: null, failingSince: null });
    }
    if (Object.keys(changes).length === 0) return toDto(endpoint, this.cpoOf(principal, endpoint));
    const stored = await this.webhooks.updateEndpoint(endpoint.pk, { ...changes, lastUpdated: Date.now() });
    return toDto(stored, this.cpoOf(principal, stored));
  }

  async delete(principal: Principal, id: string): Promise<WebhookEndpointDto> {
    const endpoint = await this.find(principal, id);
    await this.webhooks.deleteEndpoint(endpoint.pk);
    return toDto(endpoint, this.cpoOf(principal, endpoint));
  }

  /** A new secret; the old one keeps signing (a second signature) for 24 h, so receivers can switch without a gap. */
  async rotateSecret(principal: Principal, id: string): Promise<WebhookSecretDto> {
    const endpoint = await this.find(principal, id);
    const now = new Date();
    const rotated = rotateSecrets(
      endpoint.secrets.map((s) => ({ secret: s.secret, expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt) })),
      now,
    );
    const secrets = rotated.secrets.map((s) => ({ secret: s.secret, expiresAt: s.expiresAt ? s.expiresAt.getTime() : null }));
    await this.webhooks.updateEndpoint(endpoint.pk, { secrets, lastUpdated: now.getTime() });
    const previous = secrets.find((s) => s.secret !== rotated.secret && s.expiresAt !== null);
    return { secret: rotated.secret, previous_secret_expires_at: formatTimestamp(previous?.expiresAt ?? now.getTime()) };
  }

  /** A `webhook.test` event to this endpoint only (also when it is disabled: to see that it works before enabling it). */
  async test(principal: Principal, id: string): Promise<WebhookTestSentDto> {
    const endpoint = await this.find(principal, id);
    const eventId = await this.events.transaction(async (_manager, emit) =>
      emit({ type: 'webhook.test', cpoPk: endpoint.cpoPk, data: {}, occurredAt: Date.now(), targetEndpointPk: endpoint.pk }),
    );
    return { event_id: eventId };
  }

  async replay(principal: Principal, id: string, body: WebhookReplayDto): Promise<WebhookReplayedDto> {
    const endpoint = await this.find(principal, id);
    const since = parseTimestamp(body.since)!;
    const replayed = await this.webhooks.replay(endpoint, since, Date.now());
    return { replayed };
  }

  /** The endpoint's attempts, newest first (`cursor`: continue after the last one seen). */
  async attempts(principal: Principal, id: string, query: WebhookAttemptQueryDto): Promise<Page<WebhookAttemptDto>> {
    const endpoint = await this.find(principal, id);
    const limit = Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const before = query.cursor === undefined ? undefined : Number(query.cursor);
    if (before !== undefined && !(Number.isSafeInteger(before) && before > 0)) throw ApiError.field('cursor', 'cursor is not one this service issued; follow the Link header');
    const failedOnly = query.status === 'failed';
    const [rows, total] = await Promise.all([this.webhooks.attempts(endpoint.pk, failedOnly, before, limit), this.webhooks.countAttempts(endpoint.pk, failedOnly)]);
    const more = rows.length > limit;
    if (more) rows.pop();
    const items = rows.map((row) => ({
      event_id: row.eventId,
      event_type: row.eventType,
      attempt: row.attempt,
      attempted_at: formatTimestamp(row.attemptedAt),
      status: row.succeeded ? ('succeeded' as const) : ('failed' as const),
      http_status: row.httpStatus,
      error: row.error,
      duration_ms: row.durationMs,
      next_attempt_at: row.nextAttemptAt === null ? null : formatTimestamp(row.nextAttemptAt),
    }));
    return new Page(items, total, limit, more ? String(rows[rows.length - 1].pk) : undefined);
  }

  private async find(principal: Principal, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.webhooks.findEndpoint(principalCpoPks(principal), id);
    if (!endpoint) throw ApiError.notFound(`Webhook endpoint ${id} not found`);
    return endpoint;
  }

  /** The CPO an endpoint is made for: `cpo_id`, else the token's only CPO (400 naming cpo_id when it has several). */
  private cpoFor(principal: Principal, cpoId: string | undefined): Cpo {
    if (cpoId === undefined) {
      if (principal.cpos.length === 1) return principal.cpos[0];
      throw ApiError.field('cpo_id', `this token acts for several CPOs (${principal.cpos.map((c) => c.cpoId).join(', ')}): name one in cpo_id`);
    }
    const cpo = principalCpo(principal, cpoId);
    if (!cpo) throw ApiError.field('cpo_id', `cpo_id must be one of this token's CPOs (${principal.cpos.map((c) => c.cpoId).join(', ')})`);
    return cpo;
  }

  private cpoOf(principal: Principal, endpoint: WebhookEndpoint): Cpo {
    return principal.cpos.find((c) => c.pk === endpoint.cpoPk)!;
  }

  /** SPEC §10 targets: https (http with WEBHOOK_ALLOW_HTTP), a host that resolves to public addresses only (unless allowed); 400 naming url. */
  private async checkedUrl(raw: string): Promise<string> {
    const checked = await checkWebhookTarget(raw, { allowHttp: this.settings.webhookAllowHttp, allowPrivateTargets: this.settings.webhookAllowPrivateTargets });
    if (!checked.ok) throw ApiError.field('url', checked.message);
    return checked.url.toString();
  }
}

/** `["*"]` stays alone; otherwise the types, each once. */
function eventTypes(types: string[]): string[] {
  return types.includes('*') ? ['*'] : [...new Set(types)];
}

function toDto(endpoint: WebhookEndpoint, cpo: Cpo): WebhookEndpointDto {
  return {
    id: endpoint.id,
    cpo_id: cpo.cpoId,
    url: endpoint.url,
    event_types: endpoint.eventTypes,
    description: endpoint.description,
    enabled: endpoint.enabled,
    disabled_reason: endpoint.disabledReason,
    created: formatTimestamp(endpoint.created),
    last_updated: formatTimestamp(endpoint.lastUpdated),
  };
}
