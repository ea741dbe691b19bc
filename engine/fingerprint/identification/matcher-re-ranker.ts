/**
 * Adapts the exact MCC matcher (engine/fingerprint/matcher.ts) to the identifier's ReRanker: the
 * probe is prepared once per search (the matcher's contract), candidates come prepared from a
 * lookup the caller owns (the store's cache of prepared gallery templates, or a function that
 * prepares on demand).
 */
import { FingerprintMatcher, prepareCandidate, type PreparedTemplate } from '../matcher.js';
import type { FingerprintTemplate } from '../template.js';
import type { ReRanker, ScoredRecord } from './fingerprint-identifier.js';

/**
 * `preparedOf(id)` returns the prepared gallery template, or undefined for an unknown id.
 * Only the top `pairsFor` records get their matched minutiae pairs (the full `match`); the rest
 * are scored on the matcher's score-only path, which is what makes re-ranking a long shortlist
 * cheap. Pass Infinity to get pairs for all.
 */
export function matcherReRanker(preparedOf: (id: string) => PreparedTemplate | undefined, pairsFor = 50): ReRanker {
  return (probe: FingerprintTemplate, ids: readonly string[]): ScoredRecord[] => {
    const matcher = new FingerprintMatcher(probe);
    const scored: { id: string; score: number; prepared: PreparedTemplate }[] = [];
    for (const id of ids) {
      const prepared = preparedOf(id);
      if (prepared === undefined) continue;
      scored.push({ id, score: matcher.score(prepared), prepared });
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.map((s, i) => {
      if (i >= pairsFor) return { id: s.id, score: s.score, pairs: [] };
      const m = matcher.match(s.prepared);
      return { id: s.id, score: m.score, pairs: m.pairs, alignment: { rotation: m.rotation, dx: m.dx, dy: m.dy } };
    });
  };
}

/** A lookup that prepares templates on demand from a template lookup (no cache). */
export function preparingLookup(templateOf: (id: string) => FingerprintTemplate | undefined): (id: string) => PreparedTemplate | undefined {
  return (id) => {
    const t = templateOf(id);
    return t === undefined ? undefined : prepareCandidate(t);
  };
}
