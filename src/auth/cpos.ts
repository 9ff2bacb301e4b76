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
