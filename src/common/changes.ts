/** `undefined` (not sent) becomes `null` (cleared). */
export const orNull = <T>(value: T | null | undefined): T | null => (value === undefined ? null : value);

/**
 * The fields of `next` that differ from `current` (JSON-equal values are the same; null and
 * undefined are the same). Writes send only these columns, and none at all means "no change".
 */
export function changedColumns<T extends object>(current: T, next: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(current[key] ?? null) !== JSON.stringify(next[key] ?? null)) changed[key] = next[key];
  }
  return changed;
}
