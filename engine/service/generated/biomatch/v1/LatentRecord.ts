// Original file: proto/biomatch/v1/latent.proto

import type { RecordMeta as _biomatch_v1_RecordMeta, RecordMeta__Output as _biomatch_v1_RecordMeta__Output } from '../../biomatch/v1/RecordMeta';
import type { Template as _biomatch_v1_Template, Template__Output as _biomatch_v1_Template__Output } from '../../biomatch/v1/Template';
import type { LatentMarkup as _biomatch_v1_LatentMarkup, LatentMarkup__Output as _biomatch_v1_LatentMarkup__Output } from '../../biomatch/v1/LatentMarkup';

export interface LatentRecord {
  'meta'?: (_biomatch_v1_RecordMeta | null);
  'caseReference'?: (string);
  /**
   * What searches use: the features as a matcher template.
   */
  'template'?: (_biomatch_v1_Template | null);
  /**
   * The same features in markup form (an examiner's and the automatic ones, merged).
   */
  'features'?: (_biomatch_v1_LatentMarkup | null);
  'possibleFingerPositions'?: (number)[];
  /**
   * The mark was filed by its image alone and its tenprint reading holds enough minutiae: TL fuses
   * that reading into its score (docs/decisions/latent-tl-route.md).
   */
  'hasTenprintRoute'?: (boolean);
  /**
   * New tenprint enrolments are searched against this mark automatically (the reverse search and
   * the daily fp-tenprints-vs-unsolved schedule). False when its features hold fewer minutiae than
   * the server's --reverse-search-min-mark-minutiae (8 unless set): such marks score high against
   * every print (docs/decisions/tl-few-minutiae.md); add minutiae by markup, or search by hand.
   */
  'reverseSearched'?: (boolean);
}

export interface LatentRecord__Output {
  'meta': (_biomatch_v1_RecordMeta__Output | null);
  'caseReference': (string);
  /**
   * What searches use: the features as a matcher template.
   */
  'template': (_biomatch_v1_Template__Output | null);
  /**
   * The same features in markup form (an examiner's and the automatic ones, merged).
   */
  'features': (_biomatch_v1_LatentMarkup__Output | null);
  'possibleFingerPositions': (number)[];
  /**
   * The mark was filed by its image alone and its tenprint reading holds enough minutiae: TL fuses
   * that reading into its score (docs/decisions/latent-tl-route.md).
   */
  'hasTenprintRoute': (boolean);
  /**
   * New tenprint enrolments are searched against this mark automatically (the reverse search and
   * the daily fp-tenprints-vs-unsolved schedule). False when its features hold fewer minutiae than
   * the server's --reverse-search-min-mark-minutiae (8 unless set): such marks score high against
   * every print (docs/decisions/tl-few-minutiae.md); add minutiae by markup, or search by hand.
   */
  'reverseSearched': (boolean);
}
