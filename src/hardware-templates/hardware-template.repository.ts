import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { type ListQueryDto, type Page, paginate } from '../common/pagination.js';
import { inTransaction } from '../database/transactions.js';
import { HardwareTemplate } from './hardware-template.entity.js';

/** Hardware templates: the only reader and writer of the hardware_templates table. */
@Injectable()
export class HardwareTemplateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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

  async insert(template: HardwareTemplate): Promise<void> {
    await inTransaction(this.dataSource, (manager) => manager.insert(HardwareTemplate, template));
  }

  async update(pk: number, changes: Partial<HardwareTemplate>): Promise<void> {
    await inTransaction(this.dataSource, (manager) => manager.update(HardwareTemplate, { pk }, changes));
  }
}
