/**
 * Leave-one-database-out choice (scripts/leave-one-out.ts): for a held-out set, the candidate
 * value with the lowest mean error on the other sets; ties go to today's value, then to the
 * candidate listed first, so that a change must earn its place.
 */
export function pickOnOthers(errors: ReadonlyMap<number, ReadonlyMap<string, number>>, sets: readonly string[], heldOut: string, today: number): number {
  const others = sets.filter((s) => s !== heldOut);
  if (others.length === 0) throw new Error('leave-one-out needs at least two sets');
  let best = today, bestMean = Infinity;
  for (const v of [today, ...[...errors.keys()].filter((c) => c !== today)]) {
    const row = errors.get(v);
    if (!row) continue;
    const mean = others.reduce((s, o) => s + (row.get(o) ?? NaN), 0) / others.length;
    if (mean < bestMean - 1e-12) { best = v; bestMean = mean; }
  }
  return best;
}
