import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Cpo } from './cpo.entity.js';
import { cpoProblems, type NewCpo } from './cpos.js';

/** CPOs (tenants): created by the CLI and the demo seed, never over the public API. */
@Injectable()
export class CpoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new CPO; its fields are checked first (cpoProblems), and its external id must be new. */
  async create(cpo: NewCpo): Promise<Cpo> {
    const problems = cpoProblems(cpo);
    if (problems.length) throw new Error(problems.join('; '));
    const repository = this.dataSource.getRepository(Cpo);
    if (await repository.existsBy({ cpoId: cpo.cpoId })) throw new Error(`CPO ${cpo.cpoId} already exists`);
    return repository.save({ ...cpo, created: Date.now() });
  }

  findByCpoId(cpoId: string): Promise<Cpo | null> {
    return this.dataSource.getRepository(Cpo).findOneBy({ cpoId });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(Cpo).count()) === 0;
  }
}
