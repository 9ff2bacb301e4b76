import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Cpo } from '../auth/cpo.entity.js';
import { type Principal, principalCpo, principalCpoPks } from '../auth/principal.js';
import { ApiError } from '../common/api-error.js';
import { Answer } from '../common/envelope.js';
import type { Page } from '../common/pagination.js';
import { formatTimestamp } from '../common/time.js';
import type { HardwareTemplateDto, HardwareTemplateListQueryDto, HardwareTemplateWriteDto } from './dto/hardware-template.dto.js';
import { HardwareTemplate } from './hardware-template.entity.js';
import { HardwareTemplateRepository } from './hardware-template.repository.js';
import { normalizeEvseTemplates } from './hardware-template.model.js';

function toTemplateDto(template: HardwareTemplate, cpo: Cpo): HardwareTemplateDto {
  return {
    template_id: template.templateId,
    name: template.name,
    tenant_id: cpo.cpoId,
    evse_templates: template.evseTemplates,
    created: formatTimestamp(template.created),
    last_updated: formatTimestamp(template.lastUpdated),
  };
}

/** Hardware templates (SPEC §6), scoped to the token's CPOs. */
@Injectable()
export class HardwareTemplateService {
  constructor(private readonly templates: HardwareTemplateRepository) {}

  async list(principal: Principal, query: HardwareTemplateListQueryDto): Promise<Page<HardwareTemplateDto>> {
    const page = await this.templates.page(principalCpoPks(principal), query);
    return page.map((row) => toTemplateDto(row, this.cpoOf(principal, row)));
  }

  async get(principal: Principal, id: string): Promise<HardwareTemplateDto> {
    const template = await this.templates.findVisible(principalCpoPks(principal), id);
    if (!template) throw ApiError.notFound(`Hardware template ${id} not found`);
    return toTemplateDto(template, this.cpoOf(principal, template));
  }

  /** The template a station of this CPO is built from; another CPO's or an unknown one → 404. */
  async forStation(cpoPk: number, id: string): Promise<HardwareTemplate> {
    const template = await this.templates.findVisible([cpoPk], id);
    if (!template) throw ApiError.notFound(`Hardware template ${id} not found`, undefined, 'charge_station_template_id');
    return template;
  }

  async create(principal: Principal, body: HardwareTemplateWriteDto, cpsoIds: string | undefined): Promise<HardwareTemplateDto> {
    const cpo = this.tenant(principal, body.tenant_id, cpsoIds);
    const id = body.template_id ?? randomUUID();
    if (await this.templates.existsById(id)) throw ApiError.conflict(`A hardware template with id ${id} already exists`);
    const evseTemplates = this.evseTemplates(body);
    const now = Date.now();
    const template = Object.assign(new HardwareTemplate(), { templateId: id, cpoPk: cpo.pk, name: body.name, evseTemplates, created: now, lastUpdated: now });
    const answer = toTemplateDto(template, cpo);
    await this.templates.insert(template, answer);
    return answer;
  }

  /** PUT on the collection or on `/{templateId}`: creates (201) or replaces (200). */
  async put(principal: Principal, pathId: string | undefined, body: HardwareTemplateWriteDto, cpsoIds: string | undefined): Promise<Answer<HardwareTemplateDto>> {
    if (pathId !== undefined && body.template_id !== undefined && pathId.toLowerCase() !== body.template_id.toLowerCase()) {
      throw ApiError.field('template_id', 'template_id in the body must equal the id in the path');
    }
    const id = pathId ?? body.template_id;
    const existing = id === undefined ? null : await this.templates.findById(id);
    if (!existing) {
      return new Answer(await this.create(principal, { ...body, template_id: id }, cpsoIds), { created: true });
    }
    const cpo = principal.cpos.find((c) => c.pk === existing.cpoPk);
    if (!cpo) throw ApiError.conflict(`A hardware template with id ${id} already exists`);
    if (body.tenant_id !== undefined && body.tenant_id !== cpo.cpoId) {
      throw ApiError.field('tenant_id', 'tenant_id cannot change: a template never changes CPO');
    }
    const evseTemplates = this.evseTemplates(body);
    if (existing.name === body.name && JSON.stringify(existing.evseTemplates) === JSON.stringify(evseTemplates)) {
      return new Answer(toTemplateDto(existing, cpo));
    }
    const changes = { name: body.name, evseTemplates, lastUpdated: Date.now() };
    const answer = toTemplateDto({ ...existing, ...changes }, cpo);
    await this.templates.update(existing, changes, answer);
    return new Answer(answer);
  }

  private evseTemplates(body: HardwareTemplateWriteDto) {
    const { templates, problems } = normalizeEvseTemplates(body.evse_templates);
    if (problems.length) throw ApiError.badRequest(`Invalid ${problems[0].field}: ${problems[0].message}`, problems);
    return templates;
  }

  /**
   * The CPO a new template belongs to: `tenant_id`, else the `cpsoIds` header, else the token's
   * only CPO. A token with several CPOs that names none gets a 400 saying so.
   */
  private tenant(principal: Principal, tenantId: string | undefined, cpsoIds: string | undefined): Cpo {
    const headerIds = cpsoIds?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    const named = tenantId ?? headerIds[0];
    if (tenantId === undefined && headerIds.length > 1) {
      throw ApiError.field('tenant_id', 'the cpsoIds header names several CPOs: name one in tenant_id');
    }
    if (named === undefined) {
      if (principal.cpos.length === 1) return principal.cpos[0];
      throw ApiError.field(
        'tenant_id',
        `this token acts for several CPOs (${principal.cpos.map((c) => c.cpoId).join(', ')}): name one in tenant_id or the cpsoIds header`,
      );
    }
    const cpo = principalCpo(principal, named);
    if (!cpo) throw ApiError.field('tenant_id', `tenant_id must be one of this token's CPOs (${principal.cpos.map((c) => c.cpoId).join(', ')})`);
    return cpo;
  }

  private cpoOf(principal: Principal, template: HardwareTemplate): Cpo {
    return principal.cpos.find((c) => c.pk === template.cpoPk)!;
  }
}
