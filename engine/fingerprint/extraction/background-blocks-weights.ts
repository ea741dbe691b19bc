/**
 * The segmentation's block classifier (background-blocks.ts). FITTED_BLOCK_CLASSIFIER is written by
 * scripts/segmentation-blocks.ts --write: fitted on all four FVC2002 "B" sets (every second image)
 * under none, noisy-background, wood-grain, woven-fabric, surface-noise; the threshold keeps 0.995 of the clean finger blocks.
 * SEGMENT_BLOCK_CLASSIFIER is what the tenprint segmentation uses: null (none) until the
 * classifier passes the clean-image rule of docs/decisions/segmentation-block-classifier.md;
 * `--param segmentation.classifier=1` (scripts/eval/studies.ts) measures the fitted one.
 */
import type { BlockClassifier } from './background-blocks.js';

export const FITTED_BLOCK_CLASSIFIER: BlockClassifier = {
  // spread, coherence, wideCoherence, darkness, depth, density, nearSpread, nearWideCoherence, nearDarkness, spreadByCoherence
  local: { mean: [0.739954, 0.567083, 0.532886, 0.462503, 0.710267, 0.906908, 0.743529, 0.534627, 0.464546, 0.409168], scale: [0.245074, 0.211853, 0.216563, 0.2089, 0.257546, 0.162088, 0.196349, 0.201638, 0.183987, 0.229236], weights: [0.220754, -0.984685, 0.156197, -0.429858, 0.636433, 0.335095, 1.70188, 1.45826, 0.769566, -0.344936], bias: 3.03349 },
  // localLogit, nearProbability, wideProbability, blobDistance, coreDistance
  shape: { mean: [3.03218, 0.736062, 0.682046, 1.57693, 1.07526], scale: [3.05458, 0.329287, 0.30398, 0.701819, 2.41616], weights: [0.749884, 1.18117, 0.514168, -0.384045, -0.687057], bias: 2.96761 },
  threshold: 0.0489647,
};

export const SEGMENT_BLOCK_CLASSIFIER: BlockClassifier | null = null;
