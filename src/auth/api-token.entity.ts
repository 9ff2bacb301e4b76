import { Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { epochMs } from '../database/columns.js';
import { Cpo } from './cpo.entity.js';

export type TokenScope = 'read' | 'write';

/** An API token. Only the SHA-256 of the token is stored; the token itself is shown once, at creation. */
@Entity({ name: 'api_tokens' })
export class ApiToken {
  @PrimaryGeneratedColumn({ name: 'pk' })
  pk: number;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 5 })
  scope: TokenScope;

  @ManyToMany(() => Cpo)
  @JoinTable({
    name: 'api_token_cpos',
    joinColumn: { name: 'token_pk', referencedColumnName: 'pk' },
    inverseJoinColumn: { name: 'cpo_pk', referencedColumnName: 'pk' },
  })
  cpos: Relation<Cpo[]>;

  @Column({ type: 'bigint', transformer: epochMs })
  created: number;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  revoked: number | null;
}
