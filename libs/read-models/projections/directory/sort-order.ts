/**
 * The order of a Norwegian class list: by group, then name. Sorted in code with the `nb`
 * collation rather than by the store, whose byte order would put Å before Æ and Ø and
 * "10A" before "9A".
 */
const collator = new Intl.Collator('nb', { numeric: true, sensitivity: 'variant' });

export function compareGroupThenName(a: { group: string; name: string }, b: { group: string; name: string }): number {
  return collator.compare(a.group, b.group) || collator.compare(a.name, b.name);
}
