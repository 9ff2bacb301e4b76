import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/columns.js';

/**
 * A change event (SPEC §10), the transactional outbox: written in the transaction of the change by
 * the repository that writes it, with `sequence` null; the publisher gives it its feed position once
 * committed (EventRepository.publish).
 */
@Entity({ name: 'events' })
export class OutboxEvent {
  @PrimaryGeneratedColumn({ name: 'pk', type: 'bigint' })
  pk: number;

  /** `evt_` + a time-ordered random id; the `webhook-id` of every delivery of it. */
  @Column({ type: 'varchar', length: 40 })
  id: string;

  @Column({ name: 'cpo_pk', type: 'integer' })
  cpoPk: number;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** The feed position, given at publication; null until then. */
  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  sequence: number | null;

  @Column({ name: 'occurred_at', type: 'bigint', transformer: epochMs })
  occurredAt: number;

  /** `webhook.test`: the one endpoint it goes to (never in the feed). */
  @Column({ name: 'target_endpoint_pk', type: 'integer', nullable: true })
  targetEndpointPk: number | null;

  /** The event's `data`, as JSON text. */
  @Column({ type: 'text' })
  data: string;
}
