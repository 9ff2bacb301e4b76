import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { type ListQueryDto, type Page, paginate } from '../common/pagination.js';
import { EventRepository } from '../events/event.repository.js';
import { HardwareTemplate } from './hardware-template.entity.js';

/** Hardware templates: the only reader and writer of the hardware_templates table, and so of their change events. */
@Injectable()
export class HardwareTemplateRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventRepository,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(HardwareTemplate);
  }

  /** One page of these CPOs' templates (SPEC §2 lists). */
  page(cpoPks: number[], query: ListQueryDto): Promise<Page<HardwareTemplate>> {
    const qb = this.repository.createQueryBuilder('t').where({ cpoPk: In(cpoPks) });
    return paginate(qb, query, {
      lastUpdated: 't.last_updated',
      id: 't.template_id',
      key: (row) => ({ lastUpdated: row.lastUpdated, id: row.templateId }),
    });
  }

  /** The template with this id (case-insensitive) if it belongs to one of these CPOs. */
  findVisible(cpoPks: number[], templateId: string): Promise<HardwareTemplate | null> {
    return this.repository.findOneBy({ templateId, cpoPk: In(cpoPks) });
  }

  /** The template with this id, whichever CPO holds it. */
  findById(templateId: string): Promise<HardwareTemplate | null> {
    return this.repository.findOneBy({ templateId });
  }

  existsById(templateId: string): Promise<boolean> {
    return this.repository.existsBy({ templateId });
  }

  /** A new template with its `hardware_template.created` event (`answer`: the template as GET answers it). */
  async insert(template: HardwareTemplate, answer: unknown): Promise<void> {
    await this.events.transaction(async (manager, emit) => {
      await manager.insert(HardwareTemplate, template);
      emit({ type: 'hardware_template.created', cpoPk: template.cpoPk, data: answer, occurredAt: template.created });
    });
  }

  /** A changed template with its `hardware_template.updated` event (`answer`: the template as GET answers it now). */
  async update(template: Pick<HardwareTemplate, 'pk' | 'cpoPk'>, changes: Partial<HardwareTemplate> & { lastUpdated: number }, answer: unknown): Promise<void> {
    await this.events.transaction(async (manager, emit) => {
      await manager.update(HardwareTemplate, { pk: template.pk }, changes);
      emit({ type: 'hardware_template.updated', cpoPk: template.cpoPk, data: answer, occurredAt: changes.lastUpdated });
    });
  }
}
