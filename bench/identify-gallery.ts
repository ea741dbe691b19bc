/**
 * The 1:N benchmark's own arithmetic (bench/identify.bench.ts), apart from the service it drives:
 * where the planted mates go in the enrolment order, where a mate lands in a candidate list, how
 * index search is judged against exhaustive search, and percentiles. The gallery itself — prepared
 * forms in shared memory, the candidate index, the scans — is the engine's FingerprintGallery,
 * reached through the service's operations.
 */

/** Nearest-rank percentile of an ascending array; p is a fraction (0.99). NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** One step of the enrolment order: background template `index`, or planted mate `index`. */
export type EnrolmentStep = { kind: 'background'; index: number } | { kind: 'mate'; index: number };

/**
 * The order records arrive in: `background` generated templates with the `mates` planted evenly
 * through it (one before every ⌊background/mates⌋-th background record, the rest at the end), as
 * records arrive over time, so the mates are not all at one end of the arena or the graph.
 */
export function* enrolmentOrder(background: number, mates: number): Generator<EnrolmentStep> {
  const every = Math.max(1, Math.floor(background / Math.max(1, mates)));
  let planted = 0;
  for (let i = 0; i < background; i++) {
    if (i % every === 0 && planted < mates) yield { kind: 'mate', index: planted++ };
    yield { kind: 'background', index: i };
  }
  while (planted < mates) yield { kind: 'mate', index: planted++ };
}

/**
 * Probes to search: `count` of `total`, every k-th (k = ⌊total/count⌋) so a sample spreads over
 * all fingers and impressions; all when count ≥ total.
 */
export function sampleProbes(total: number, count: number): number[] {
  if (count <= 0) return [];
  const step = Math.max(1, Math.floor(total / count));
  const out: number[] = [];
  for (let i = 0; i < total && out.length < count; i += step) out.push(i);
  return out;
}

/** Where the mate is in a candidate list, best first. */
export interface MatePlace {
  /** 1-based place of the mate; 0 when it is not in the list. */
  rank: number;
  /** The mate strictly above every other candidate (a tie at the top is a miss). */
  rank1: boolean;
  mateScore: number | null;
  /** Best score of any other candidate in the list. */
  bestOther: number | null;
}

export function matePlace(candidates: readonly { recordId: string; score: number }[], mateId: string): MatePlace {
  const at = candidates.findIndex((c) => c.recordId === mateId);
  const other = candidates.find((c) => c.recordId !== mateId);
  const mateScore = at >= 0 ? candidates[at].score : null;
  return {
    rank: at + 1,
    rank1: at === 0 && (other === undefined || other.score < candidates[0].score),
    mateScore,
    bestOther: other ? other.score : null,
  };
}

/** One probe searched both ways (exhaustive may be absent when it was not run for this probe). */
export interface JudgedProbe {
  probe: string;
  index: MatePlace;
  exhaustive?: MatePlace;
}

/**
 * Index search judged against exhaustive search over the same gallery (the oracle): of the probes
 * whose mate exhaustive search ranks first, how many the index also ranks first (the target is at
 * least 99%), and the probes either way round.
 *
 * Only a probe the index does not rank first can be a miss (the index re-ranks its shortlist with
 * the same exact scores, so a mate that exhaustive search ranks strictly first and that is in the
 * shortlist is ranked strictly first there too). So once every index miss has been searched
 * exhaustively (`allIndexMissesScanned`), `missedByIndex` is complete for ALL probes, scanned or not:
 * empty means the index finds every mate that exhaustive search ranks first.
 */
export function judgeAgainstExhaustive(probes: readonly JudgedProbe[]) {
  const both = probes.filter((p) => p.exhaustive !== undefined) as (JudgedProbe & { exhaustive: MatePlace })[];
  const exhaustiveRank1 = both.filter((p) => p.exhaustive.rank1);
  const found = exhaustiveRank1.filter((p) => p.index.rank1);
  const indexMisses = probes.filter((p) => !p.index.rank1);
  const indexMissesScanned = indexMisses.filter((p) => p.exhaustive !== undefined).length;
  return {
    probes: both.length,
    indexMisses: indexMisses.length,
    indexMissesScanned,
    allIndexMissesScanned: indexMissesScanned === indexMisses.length,
    exhaustiveRank1: exhaustiveRank1.length,
    indexRank1: both.filter((p) => p.index.rank1).length,
    indexFindsOfExhaustiveRank1: found.length,
    relativeRank1: exhaustiveRank1.length ? found.length / exhaustiveRank1.length : NaN,
    /** Exhaustive ranks the mate first, the index does not: the index (or its shortlist) lost it. */
    missedByIndex: exhaustiveRank1.filter((p) => !p.index.rank1).map((p) => ({ probe: p.probe, indexRank: p.index.rank })),
    /** The index ranks the mate first, exhaustive does not: a record outside the shortlist outscores it. */
    indexRank1ButNotExhaustive: both.filter((p) => p.index.rank1 && !p.exhaustive.rank1).map((p) => p.probe),
  };
}
