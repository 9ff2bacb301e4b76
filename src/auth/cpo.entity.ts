import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/columns.js';

/** A charge point operator: the tenant every other object belongs to. Managed with the CLI. */
@Entity({ name: 'cpos' })
export class Cpo {
  @PrimaryGeneratedColumn({ name: 'pk' })
  pk: number;

  /** External id, case-sensitive (e.g. `ACME`). */
  @Column({ name: 'cpo_id', type: 'varchar', length: 36 })
  cpoId: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ name: 'country_code', type: 'varchar', length: 2 })
  countryCode: string;

  @Column({ name: 'party_id', type: 'varchar', length: 3 })
  partyId: string;

  @Column({ type: 'bigint', transformer: epochMs })
  created: number;
}
