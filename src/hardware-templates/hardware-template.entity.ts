import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/columns.js';
import type { EvseTemplate } from './hardware-template.model.js';

/**
 * A hardware template (SPEC §6): the EVSE/connector structure of a charger model. Stations copy it;
 * nothing links back, so editing a template changes no station.
 */
@Entity({ name: 'hardware_templates' })
export class HardwareTemplate {
  @PrimaryGeneratedColumn({ name: 'pk' })
  pk: number;

  /** Unique across the service, compared case-insensitively. */
  @Column({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  @Column({ name: 'cpo_pk', type: 'integer' })
  cpoPk: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'evse_templates', type: 'simple-json' })
  evseTemplates: EvseTemplate[];

  @Column({ type: 'bigint', transformer: epochMs })
  created: number;

  @Column({ name: 'last_updated', type: 'bigint', transformer: epochMs })
  lastUpdated: number;
}
