/**
 * Which stage's error costs the minutiae under a condition (issue 15 point 1, the wet study): the
 * condition's image is extracted with one or more stage outputs replaced by those of the clean
 * image (an oracle), and its minutiae compared with the clean image's (10 px / 30°, as in
 * scripts/eval/wet-diagnosis.ts). If giving the enhancement the clean orientation field restores
 * the minutiae, the orientation field is what broke; if nothing short of the clean image does, the
 * information is gone from the pixels themselves. The pipeline below is the extractor's
 * (engine/fingerprint/extractor.ts, at today's defaults), stage for stage.
 *   npx tsx scripts/eval/wet-oracle.ts [--condition wet] [--sets DB3] [--every 1]
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { workingImage } from '../../engine/fingerprint/extractor.js';
import { binarizedImage } from '../../engine/fingerprint/extraction/binarized-image.js';
import { enhancedImage } from '../../engine/fingerprint/extraction/enhanced-image.js';
import { removeBorderMinutiae } from '../../engine/fingerprint/extraction/filters/border.js';
import { removeClusters } from '../../engine/fingerprint/extraction/filters/clusters.js';
import { removeGaps } from '../../engine/fingerprint/extraction/filters/gaps.js';
import { cleanedRidgeGraph } from '../../engine/fingerprint/extraction/filters/graph-cleanup.js';
import { minutiaQuality } from '../../engine/fingerprint/extraction/minutia-quality.js';
import { minutiae, type MinutiaCandidate } from '../../engine/fingerprint/extraction/minutiae.js';
import { orientationField, type OrientationField } from '../../engine/fingerprint/extraction/orientation-field.js';
import { MIN_MINUTIA_QUALITY } from '../../engine/fingerprint/extraction/parameters.js';
import { ridgeFrequency, type RidgeFrequency } from '../../engine/fingerprint/extraction/ridge-frequency.js';
import { segmentationMask, type SegmentationMask } from '../../engine/fingerprint/extraction/segmentation-mask.js';
import { thinnedSkeleton } from '../../engine/fingerprint/extraction/thinned-skeleton.js';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { conditionNamed, seedOf } from './conditions.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcSamples } from './fvc-protocol.js';
import { decodeGray } from './image-templates.js';
import { pairedCount } from './wet-diagnosis.js';

interface Fields { orientation: OrientationField; segmentation: SegmentationMask; frequency: RidgeFrequency }

function extractWith(image: GrayImage, given: Partial<Fields>, enhanceFrom: GrayImage = image): { found: MinutiaCandidate[]; fields: Fields } {
  const orientation = given.orientation ?? orientationField(image);
  const segmentation = given.segmentation ?? segmentationMask(image, orientation);
  const frequency = given.frequency ?? ridgeFrequency(image, orientation, segmentation);
  const enhanced = enhancedImage(enhanceFrom, orientation, frequency, segmentation);
  const graph = cleanedRidgeGraph(thinnedSkeleton(binarizedImage(enhanced, segmentation)), orientation, frequency);
  let found = minutiae(graph, orientation);
  found = removeClusters(removeBorderMinutiae(removeGaps(found), segmentation));
  found = minutiaQuality(found, image, enhanced, orientation, frequency, segmentation).filter((m) => m.quality >= MIN_MINUTIA_QUALITY);
  return { found, fields: { orientation, segmentation, frequency } };
}

const VARIANTS: [string, (c: Fields) => Partial<Fields>][] = [
  ['condition alone', () => ({})],
  ['clean mask', (c) => ({ segmentation: c.segmentation })],
  ['clean period', (c) => ({ frequency: c.frequency })],
  ['clean orientation', (c) => ({ orientation: c.orientation })],
  ['clean orientation + mask', (c) => ({ orientation: c.orientation, segmentation: c.segmentation })],
  ['clean orientation + mask + period', (c) => c],
];

const { values } = parseArgs({ options: { condition: { type: 'string' }, sets: { type: 'string' }, every: { type: 'string' } } });
const condition = conditionNamed(values.condition ?? 'wet');
const every = Number(values.every ?? 1);
const sets = values.sets ? FVC2002_SETS.filter((s) => values.sets!.split(',').includes(s.name)) : FVC2002_SETS;
console.log(`condition ${condition.name}: minutiae precision / recall against the clean image's (10 px, 30°), pooled`);
console.log(`| set | ${VARIANTS.map((v) => v[0]).join(' | ')} |`);
console.log(`|---|${VARIANTS.map(() => '---').join('|')}|`);
for (const set of sets) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const files = fvcSamples(readdirSync(dir), ['tif']).map((s) => s.file).filter((_, i) => i % every === 0);
  const paired = new Array(VARIANTS.length).fill(0), ours = new Array(VARIANTS.length).fill(0);
  let clean = 0;
  for (const file of files) {
    const raw = await decodeGray(join(dir, file));
    const c = condition.apply(raw, set.ppi, seedOf(basename(file)));
    const a = workingImage(raw, set.ppi), b = workingImage(c.image, c.ppi);
    const ref = extractWith(a, {});
    clean += ref.found.length;
    VARIANTS.forEach(([, pick], k) => {
      const got = extractWith(b, pick(ref.fields)).found;
      paired[k] += pairedCount(ref.found, got);
      ours[k] += got.length;
    });
  }
  console.log(`| ${set.name} (${files.length}) | ${VARIANTS.map((_, k) => `${(paired[k] / ours[k]).toFixed(2)} / ${(paired[k] / clean).toFixed(2)}`).join(' | ')} |`);
}
