// Original file: proto/biomatch/v1/dna.proto

import type { DnaProfile as _biomatch_v1_DnaProfile, DnaProfile__Output as _biomatch_v1_DnaProfile__Output } from '../../biomatch/v1/DnaProfile';
import type { Stringency as _biomatch_v1_Stringency, Stringency__Output as _biomatch_v1_Stringency__Output } from '../../biomatch/v1/Stringency';
import type { ProfileKind as _biomatch_v1_ProfileKind, ProfileKind__Output as _biomatch_v1_ProfileKind__Output } from '../../biomatch/v1/ProfileKind';

export interface DnaSearchRequest {
  'profile'?: (_biomatch_v1_DnaProfile | null);
  'stringency'?: (_biomatch_v1_Stringency);
  /**
   * 0: server default
   */
  'minComparedLoci'?: (number);
  /**
   * 0 by default; 1 gives a Pruem-style near match
   */
  'maxMismatches'?: (number);
  /**
   * 0: server default
   */
  'maxCandidates'?: (number);
  /**
   * frequency table for statistics; empty: server default
   */
  'population'?: (string);
  /**
   * NRC II 4.10 θ in [0, 0.5); absent: server default (0.01). 0 asks for θ = 0 (no subpopulation correction).
   */
  'theta'?: (number | string);
  /**
   * empty: all kinds
   */
  'targetKinds'?: (_biomatch_v1_ProfileKind)[];
  /**
   * Compare only these loci, as exchanges do (Prüm compares the ESS). Each entry is a locus set —
   * "ESS" (European Standard Set, 12 loci), "CODIS13" (the original CODIS core), "CODIS20" (the
   * expanded CODIS core) — or a locus name (any accepted alias); the union is compared. Empty:
   * every locus typed in both. Loci outside are reported NOT_COMPARED.
   */
  'compareLoci'?: (string)[];
  '_theta'?: "theta";
}

export interface DnaSearchRequest__Output {
  'profile': (_biomatch_v1_DnaProfile__Output | null);
  'stringency': (_biomatch_v1_Stringency__Output);
  /**
   * 0: server default
   */
  'minComparedLoci': (number);
  /**
   * 0 by default; 1 gives a Pruem-style near match
   */
  'maxMismatches': (number);
  /**
   * 0: server default
   */
  'maxCandidates': (number);
  /**
   * frequency table for statistics; empty: server default
   */
  'population': (string);
  /**
   * NRC II 4.10 θ in [0, 0.5); absent: server default (0.01). 0 asks for θ = 0 (no subpopulation correction).
   */
  'theta'?: (number);
  /**
   * empty: all kinds
   */
  'targetKinds': (_biomatch_v1_ProfileKind__Output)[];
  /**
   * Compare only these loci, as exchanges do (Prüm compares the ESS). Each entry is a locus set —
   * "ESS" (European Standard Set, 12 loci), "CODIS13" (the original CODIS core), "CODIS20" (the
   * expanded CODIS core) — or a locus name (any accepted alias); the union is compared. Empty:
   * every locus typed in both. Loci outside are reported NOT_COMPARED.
   */
  'compareLoci': (string)[];
  '_theta'?: "theta";
}
