/**
 * 1:N fingerprint identification: the candidate index gives a shortlist by finger-vector
 * similarity, the exact matcher re-ranks it, and the best `maxCandidates` form the candidate list.
 * With `exhaustive`, the exact matcher scores every live record instead (slow; small galleries,
 * and the reference the shortlist is measured against).
 *
 * The matcher is injected as a `ReRanker` so that this file knows nothing of how scores are made;
 * `matcherReRanker` (engine/fingerprint/identification/matcher-re-ranker.ts) adapts the MCC matcher.
 */
import { EngineError } from '../../errors.js';
import type { FingerprintTemplate } from '../template.js';
import type { CandidateIndex } from './candidate-index.js';
import { fingerVector } from './finger-vector.js';
import { IDENTIFY } from './parameters.js';

export interface CandidatePair {
  /** Index into the probe template's minutiae. */
  probe: number;
  /** Index into the candidate template's minutiae. */
  candidate: number;
  similarity: number;
}

export interface ScoredRecord {
  id: string;
  score: number;
  /** The matched minutiae pairs behind the score. */
  pairs: CandidatePair[];
  /** Probe-to-candidate alignment (radians CCW as viewed, px at 500 ppi), where the re-ranker gives one. */
  alignment?: { rotation: number; dx: number; dy: number };
}

/**
 * Scores the probe against the given record ids with the exact matcher. Ids unknown to it (a
 * record deleted meanwhile) are left out of the answer.
 */
export type ReRanker = (probe: FingerprintTemplate, candidateIds: readonly string[]) => ScoredRecord[];

export interface RankedCandidate extends ScoredRecord {
  /** 1-based. */
  rank: number;
  /** Finger-vector similarity from the index; NaN in exhaustive mode. */
  indexSimilarity: number;
  /** How the candidate was found (the proto's FingerprintEvidence.retrieval). */
  retrieval: 'index' | 'exhaustive';
}

export interface IdentifyOptions {
  /** Length of the candidate list returned (default IDENTIFY.candidateListLength). */
  maxCandidates?: number;
  /** Shortlist taken from the index for re-ranking (default IDENTIFY.shortlistLength). */
  shortlistLength?: number;
  /** Drop candidates scoring below this. */
  minScore?: number;
  /** Compare with every live record instead of the index shortlist. */
  exhaustive?: boolean;
  /** Keep only ids this accepts (visibility, finger position); applied before re-ranking. */
  filter?: (id: string) => boolean;
}

export interface CandidateListResult {
  candidates: RankedCandidate[];
  /** Candidates at or above minScore before truncation to maxCandidates. */
  totalHits: number;
  /** Records scored by the exact matcher. */
  compared: number;
  elapsedMs: number;
}

export class FingerprintIdentifier {
  constructor(
    private readonly index: CandidateIndex,
    private readonly reRank: ReRanker,
    private readonly vectorOf: (t: FingerprintTemplate) => number[] = fingerVector,
  ) {}

  /** Adds or replaces a record's finger vector (call when the record is stored). */
  enroll(id: string, template: FingerprintTemplate): void {
    this.index.add(id, this.vectorOf(template));
  }

  /** Removes a record; it leaves every later candidate list at once. */
  delete(id: string): boolean {
    return this.index.remove(id);
  }

  identify(probe: FingerprintTemplate, options: IdentifyOptions = {}): CandidateListResult {
    const started = performance.now();
    const maxCandidates = options.maxCandidates ?? IDENTIFY.candidateListLength;
    const shortlistLength = options.shortlistLength ?? IDENTIFY.shortlistLength;
    if (!Number.isInteger(maxCandidates) || maxCandidates < 1) throw EngineError.invalidArgument('max_candidates', 'must be a positive integer');
    if (!Number.isInteger(shortlistLength) || shortlistLength < 1) throw EngineError.invalidArgument('shortlist_length', 'must be a positive integer');
    const filter = options.filter;

    let ids: string[];
    const indexSimilarity = new Map<string, number>();
    if (options.exhaustive) {
      ids = [];
      for (const id of this.index.ids()) if (!filter || filter(id)) ids.push(id);
    } else {
      // With a filter, over-fetch by half so that filtered-out records (other agencies, finger
      // positions) do not starve the shortlist; the graph search is cheap next to the re-rank.
      const want = filter ? Math.min(this.index.size, Math.ceil(shortlistLength * 1.5)) : shortlistLength;
      const hits = this.index.search(this.vectorOf(probe), want);
      ids = [];
      for (const h of hits) {
        if (filter && !filter(h.id)) continue;
        ids.push(h.id);
        indexSimilarity.set(h.id, h.similarity);
        if (ids.length >= shortlistLength) break;
      }
    }
    // Re-check liveness: a record deleted between search and re-rank must not come back.
    ids = ids.filter((id) => this.index.has(id));
    const scored = this.reRank(probe, ids).filter((s) => this.index.has(s.id));
    const minScore = options.minScore ?? -Infinity;
    const kept = scored.filter((s) => s.score >= minScore);
    // Best score first; ties broken by id so the order is reproducible.
    kept.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const candidates = kept.slice(0, maxCandidates).map((s, i) => ({
      ...s,
      rank: i + 1,
      indexSimilarity: indexSimilarity.get(s.id) ?? Number.NaN,
      retrieval: options.exhaustive ? ('exhaustive' as const) : ('index' as const),
    }));
    return { candidates, totalHits: kept.length, compared: ids.length, elapsedMs: performance.now() - started };
  }
}
