/**
 * Decision thresholds on the MCC score for a target false match rate, measured on impostor
 * comparisons (see /work/notes/readme-matching.md for the data and the command). A comparison
 * whose score is at least the threshold is a match at that FMR.
 */
export const thresholds = { fmr1: 0.5, fmr01: 0.6, fmr001: 0.7 } as const;
