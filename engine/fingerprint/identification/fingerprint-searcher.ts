/**
 * What a 1:N fingerprint search asks and answers, independent of where the gallery lives: the
 * tenprint gallery in this process implements `FingerprintSearcher`, and a remote shard or a
 * federated node could implement the same interface (plus a top-k merge of their lists).
 * Candidates are self-contained — subject, owner, finger and evidence travel with the score — so
 * nothing goes back to a store per candidate.
 */
import type { FingerprintTemplate } from '../template.js';

export interface FingerprintSearch {
  /** The calling agency; the one access rule decides what it sees (fail-closed). */
  agency: string;
  /** Length of the candidate list. */
  maxCandidates: number;
  /** Candidates below this score are dropped. */
  minScore?: number;
  /** Score every visible record instead of the index shortlist. */
  exhaustive?: boolean;
  /** Only these finger positions (ANSI/NIST codes); empty or absent: any. */
  fingerPositions?: readonly number[];
  /** Index shortlist re-ranked by the exact matcher (default IDENTIFY.shortlistLength). */
  shortlistLength?: number;
  /** Compare minutiae at any relative direction (latent marks, turned any way; matcher.ts MatcherOptions). */
  anyRotation?: boolean;
  /**
   * With `anyRotation` (an LT search): the mark's tenprint-extractor template, whose tenprint-matcher
   * score is fused into the latent score (engine/latent/tenprint-route.ts).
   */
  tenprintProbe?: FingerprintTemplate;
}

export interface Alignment {
  /** Radians, counter-clockwise as viewed (see MatchResult in engine/fingerprint/matcher.ts). */
  rotation: number;
  dx: number;
  dy: number;
  /**
   * Probe scale the rotation and shift apply to: candidate = R(rotation) · (scale · probe) +
   * (dx, dy). Absent means 1 (the tenprint matcher; a latent match found at the mark's own scale).
   */
  scale?: number;
}

/** A minutiae candidate as every fingerprint search (tenprint, latent) returns it. */
export interface MinutiaeCandidate {
  recordId: string;
  subjectId: string;
  externalId?: string;
  ownerAgency: string;
  /** 1-based. */
  rank: number;
  score: number;
  /** Matched minutiae pairs (indexes into the probe's and the record's minutiae), best first. */
  pairs: { probe: number; candidate: number; similarity: number }[];
  /** Probe-to-candidate alignment; absent for candidates ranked too low to be described. */
  alignment?: Alignment;
  probeMinutiae: number;
  candidateMinutiae: number;
}

export interface FingerprintCandidate extends MinutiaeCandidate {
  fingerPosition: number;
  retrieval: 'index' | 'exhaustive';
  /** Finger-vector similarity from the index; NaN in exhaustive mode. */
  indexSimilarity: number;
}

export interface FingerprintCandidateList {
  candidates: FingerprintCandidate[];
  /** Candidates at or above minScore before truncation to maxCandidates. */
  totalHits: number;
  /** Records scored by the exact matcher. */
  compared: number;
  elapsedMs: number;
}

export interface FingerprintSearcher {
  identify(probe: FingerprintTemplate, search: FingerprintSearch, signal?: AbortSignal): Promise<FingerprintCandidateList>;
}
