/**
 * Something of ours that OCPI could not carry as stored. The mapping never sends an invalid object
 * and never changes a value quietly: what it leaves out (an object, a field, a list entry) or has
 * to adjust is listed here, so the operator can fix the data.
 */
export interface MappingProblem {
  /**
   * Where in the OCPI object, objects named by their ids: `coordinates.latitude`,
   * `evses[uid=E-1].connectors[id=2].terms_and_conditions`, `opening_times.regular_hours[0].period_end`.
   */
  path: string;
  /** What is wrong and what the mapping did about it. */
  reason: string;
}

/** Collects problems under a path prefix. */
export class Problems {
  constructor(
    private readonly list: MappingProblem[] = [],
    private readonly prefix = '',
  ) {}

  add(path: string, reason: string): void {
    this.list.push({ path: this.join(path), reason });
  }

  /** A collector whose paths start below `path`, adding to the same list. */
  under(path: string): Problems {
    return new Problems(this.list, this.join(path));
  }

  get all(): MappingProblem[] {
    return this.list;
  }

  private join(path: string): string {
    if (!this.prefix) return path;
    if (!path) return this.prefix;
    return path.startsWith('[') ? `${this.prefix}${path}` : `${this.prefix}.${path}`;
  }
}
