/**
 * The block classifier the tenprint segmentation uses (background-blocks.ts); null = none.
 * Written by scripts/segmentation-blocks.ts --write (docs/decisions/segmentation-block-classifier.md).
 */
import type { BlockClassifier } from './background-blocks.js';

export const SEGMENT_BLOCK_CLASSIFIER: BlockClassifier | null = null;
