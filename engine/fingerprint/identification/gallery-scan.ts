/**
 * One piece of a gallery search: score a probe against a list of slots (an index shortlist) or a
 * range of slots (an exhaustive scan) of a shared arena, keep the best, and describe those with
 * the matcher's pairs and alignment. Pure and synchronous: a worker thread runs it over shared
 * memory (engine/workers/), and tests or small galleries run it in the calling thread. A search
 * splits its slots over several scans and merges their answers (`mergeScans`).
 *
 * A scan stops early, reporting why, when the search's shared stop flag is raised (deadline or
 * cancellation) — checked every STOP_CHECK_EVERY comparisons, so a stopped search frees its
 * thread within milliseconds.
 */
import type { LatentMatchResult } from '../../latent/latent-matcher.js';
import { LatentSearchScorer } from '../../latent/tenprint-route.js';
import { FingerprintMatcher } from '../matcher.js';
import type { FingerprintTemplate } from '../template.js';
import { ArenaReader, type ArenaShared } from './prepared-arena.js';

export const STOP_CHECK_EVERY = 64;
/** Values of the shared stop flag. */
export const RUNNING = 0;
export const STOPPED = 1;

export interface ScanFilter {
  /** One byte per access group: 1 where the caller may see it (gallery-access.ts). */
  groups: Uint8Array;
  /** 256 bytes, 1 for wanted finger positions; absent: any position. */
  positions?: Uint8Array;
  /** Slots holding fewer minutiae are not scored (the automatic TL's floor on marks); absent: any count. */
  minMinutiae?: number;
}

export interface ScanRequest {
  probe: FingerprintTemplate;
  arena: ArenaShared;
  /** Score these slots (an index shortlist)… */
  slots?: Int32Array;
  /** …or every slot in [from, to). */
  range?: { from: number; to: number };
  filter: ScanFilter;
  /** How many of the best to return. */
  keep: number;
  /** Scores below this are not kept (and not counted as hits). */
  minScore: number;
  /** The best this many get pairs and alignment (the full match). */
  describe: number;
  /**
   * A latent search (LT, LL, TL): compare at any relative rotation with the latent matcher
   * (engine/latent/latent-matcher.ts; with `tenprintProbe`, fused with the tenprint route);
   * absent, the tenprint matcher exactly as it is.
   */
  anyRotation?: boolean;
  /**
   * An LT search's tenprint route (with `anyRotation`): the mark's tenprint-extractor template,
   * fused into the latent score (engine/latent/tenprint-route.ts).
   */
  tenprintProbe?: FingerprintTemplate;
  /**
   * A TL search's tenprint routes (with `anyRotation`, the probe a tenprint): the candidates' own
   * tenprint templates, slot for slot with `arena`; a slot live here scores tlRouteScore(L, T), T the
   * tenprint matcher's score of the probe against it (engine/latent/tenprint-route.ts).
   */
  routeArena?: ArenaShared;
  /** Int32 flag in shared memory: STOPPED ends the scan early. */
  stop: Int32Array;
}

export interface ScanMatch {
  pairs: { probe: number; candidate: number; similarity: number }[];
  rotation: number;
  dx: number;
  dy: number;
  /** The probe scale of the match when a latent scale search chose another than 1 (Alignment.scale). */
  scale?: number;
}

export interface ScanResult {
  /** Kept slots, best first, with their scores; the first `describe` with their match. */
  slots: number[];
  scores: number[];
  matches: ScanMatch[];
  /** Slots scoring at least minScore. */
  hits: number;
  /** Slots scored. */
  compared: number;
  stopped: boolean;
}

/** The hits of several scans of one search in one list, best first (ties: lower slot first). */
export function mergeScanResults(results: readonly ScanResult[]): { slot: number; score: number; match?: ScanMatch }[] {
  const merged: { slot: number; score: number; match?: ScanMatch }[] = [];
  for (const r of results) r.slots.forEach((slot, i) => merged.push({ slot, score: r.scores[i]!, ...(r.matches[i] ? { match: r.matches[i] } : {}) }));
  return merged.sort((a, b) => b.score - a.score || a.slot - b.slot);
}

/** Whether a slot passes the scan's filter (live, visible, finger position, minutiae count). */
export function admits(arena: ArenaShared, filter: ScanFilter, slot: number): boolean {
  if (slot < 0 || slot >= arena.size || arena.live[slot] !== 1) return false;
  const g = arena.group[slot];
  if (g >= filter.groups.length || filter.groups[g] !== 1) return false;
  if (filter.minMinutiae !== undefined && arena.minutiae[slot] < filter.minMinutiae) return false;
  return !filter.positions || filter.positions[arena.fingerPosition[slot]] === 1;
}

export function scanGallery(req: ScanRequest): ScanResult {
  const reader = new ArenaReader(req.arena);
  const routes = req.anyRotation && req.routeArena ? req.routeArena : null;
  const routeReader = routes ? new ArenaReader(routes) : null;
  const matcher = req.anyRotation ? new LatentSearchScorer(req.probe, req.tenprintProbe, undefined, {}, routes !== null) : new FingerprintMatcher(req.probe);
  const keep = Math.max(0, req.keep);
  // A bounded min-heap of (score, slot): the root is the weakest kept.
  const heapScore = new Float64Array(keep);
  const heapSlot = new Int32Array(keep);
  let kept = 0;
  let hits = 0;
  let compared = 0;
  let stopped = false;
  const offer = (slot: number, score: number) => {
    if (kept < keep) {
      let i = kept++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (before(heapScore[p], heapSlot[p], score, slot)) break;
        heapScore[i] = heapScore[p];
        heapSlot[i] = heapSlot[p];
        i = p;
      }
      heapScore[i] = score;
      heapSlot[i] = slot;
      return;
    }
    if (keep === 0 || !before(heapScore[0], heapSlot[0], score, slot)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= kept) break;
      const c = l + 1 < kept && before(heapScore[l + 1], heapSlot[l + 1], heapScore[l], heapSlot[l]) ? l + 1 : l;
      if (before(score, slot, heapScore[c], heapSlot[c])) break;
      heapScore[i] = heapScore[c];
      heapSlot[i] = heapSlot[c];
      i = c;
    }
    heapScore[i] = score;
    heapSlot[i] = slot;
  };
  const visit = (slot: number) => {
    if (!admits(req.arena, req.filter, slot)) return;
    // The tenprint matcher may skip its orientation cue for a candidate certain to score under
    // `below` (FingerprintMatcher.score): under the minimum score when there is one (so hits stay
    // exact), else under the weakest kept once the list is full (every score counts as a hit).
    const below = req.minScore > 0 ? req.minScore : kept === keep && keep > 0 ? heapScore[0] : Number.NEGATIVE_INFINITY;
    const route = routeReader && slot < routes!.size && routes!.live[slot] === 1 ? routeReader.form(slot) : undefined;
    const score = matcher instanceof FingerprintMatcher ? matcher.score(reader.form(slot), below) : matcher.score(reader.form(slot), route);
    compared++;
    if (score < req.minScore) return;
    hits++;
    offer(slot, score);
  };
  if (req.slots) {
    for (let i = 0; i < req.slots.length; i++) {
      if (i % STOP_CHECK_EVERY === 0 && Atomics.load(req.stop, 0) !== RUNNING) { stopped = true; break; }
      visit(req.slots[i]);
    }
  } else if (req.range) {
    const to = Math.min(req.range.to, req.arena.size);
    for (let slot = req.range.from; slot < to; slot++) {
      if ((slot - req.range.from) % STOP_CHECK_EVERY === 0 && Atomics.load(req.stop, 0) !== RUNNING) { stopped = true; break; }
      visit(slot);
    }
  }
  const order = Array.from({ length: kept }, (_, i) => i).sort((a, b) => (before(heapScore[a], heapSlot[a], heapScore[b], heapSlot[b]) ? 1 : -1));
  const slots = order.map((i) => heapSlot[i]);
  const scores = order.map((i) => heapScore[i]);
  const matches: ScanMatch[] = [];
  for (let i = 0; i < Math.min(req.describe, slots.length) && !stopped; i++) {
    const m = matcher.match(reader.form(slots[i]));
    const scale = matcher instanceof LatentSearchScorer ? (m as LatentMatchResult).scale : 1;
    matches.push({ pairs: m.pairs, rotation: m.rotation, dx: m.dx, dy: m.dy, ...(scale !== 1 ? { scale } : {}) });
  }
  return { slots, scores, matches, hits, compared, stopped };
}

/**
 * True when (sa, a) ranks below (sb, b): lower score, or for equal scores the higher slot (so
 * equal scores keep the earlier-enrolled record, and the order is reproducible).
 */
function before(sa: number, a: number, sb: number, b: number): boolean {
  return sa < sb || (sa === sb && a > b);
}
