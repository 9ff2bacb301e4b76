import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/columns.js';

/** A signing secret of an endpoint; `expiresAt` set for the one replaced by a rotation (it signs for 24 h more). */
export interface StoredSecret {
  secret: string;
  expiresAt: number | null;
}

/**
 * A CPO's webhook endpoint (SPEC §10). Its secrets are kept in clear (the service signs with them)
 * and are never answered after creation or rotation, nor logged.
 */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpoint {
  @PrimaryGeneratedColumn({ name: 'pk' })
  pk: number;

  @Column({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'cpo_pk', type: 'integer' })
  cpoPk: number;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description: string | null;

  /** `["*"]` or a list of event types. */
  @Column({ name: 'event_types', type: 'simple-json' })
  eventTypes: string[];

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 255, nullable: true })
  disabledReason: string | null;

  @Column({ type: 'simple-json' })
  secrets: StoredSecret[];

  /** When the first failed attempt since the last success was made; null while the latest succeeded. */
  @Column({ name: 'failing_since', type: 'bigint', nullable: true, transformer: epochMs })
  failingSince: number | null;

  @Column({ type: 'bigint', transformer: epochMs })
  created: number;

  @Column({ name: 'last_updated', type: 'bigint', transformer: epochMs })
  lastUpdated: number;
}
