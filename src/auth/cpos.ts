import type { DataSource } from 'typeorm';
import { Cpo } from './cpo.entity.js';

export interface NewCpo {
  cpoId: string;
  name: string;
  countryCode: string;
  partyId: string;
}

/** Checks a new CPO's fields; returns the problems found (empty when valid). */
export function cpoProblems(cpo: NewCpo): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9_-]{1,36}$/.test(cpo.cpoId)) problems.push('--id must be 1–36 characters of A-Z a-z 0-9 _ -');
  if (!cpo.name?.trim() || cpo.name.length > 255) problems.push('--name must be 1–255 characters');
  if (!/^[A-Z]{2}$/.test(cpo.countryCode)) problems.push('--country must be an ISO 3166-1 alpha-2 code such as NL');
  if (!/^[A-Z0-9]{3}$/.test(cpo.partyId)) problems.push('--party must be 3 characters A-Z 0-9, such as ACM');
  return problems;
}

export async function createCpo(dataSource: DataSource, cpo: NewCpo): Promise<Cpo> {
  const problems = cpoProblems(cpo);
  if (problems.length) throw new Error(problems.join('; '));
  const repository = dataSource.getRepository(Cpo);
  if (await repository.existsBy({ cpoId: cpo.cpoId })) throw new Error(`CPO ${cpo.cpoId} already exists`);
  return repository.save({ ...cpo, created: Date.now() });
}
