/**
 * How often the flexion-crease detector (engine/fingerprint/extraction/flexion-crease.ts) fires on
 * the FVC2002 B sets, on the segmentation mask as it is today: per image the thickest band found,
 * (with the keep rule of segmentation-mask.ts: no cut where a core lies beyond it),
 * its thickness in ridge periods, its darkest strip over the finger's median, its narrowest strip
 * over the widest, the ridged extent on each side, and the tilt of its normal.
 *   npx tsx scripts/eval/flexion-crease-count.ts [--sets 1,2,3,4] [--settings '{"darkRatio":0.5}'] [--condition NAME] [--all] [--draw DIR]
 * `--all` prints every image, else only those where it fires. `--draw DIR` writes each fired image
 * (PNG, 500 ppi) with the mask's outside dimmed, the band in red and the part the cut removes (below the band) in blue.
 */
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { fvcPpi, loadGray } from '../../bench/extract-images.js';
import { workingImage } from '../../engine/fingerprint/extractor.js';
import { flexionCrease, type FlexionCreaseSettings } from '../../engine/fingerprint/extraction/flexion-crease.js';
import { singularPoints } from '../../engine/fingerprint/extraction/singular-points.js';
import { orientationField } from '../../engine/fingerprint/extraction/orientation-field.js';
import { PERIOD_DEFAULT } from '../../engine/fingerprint/extraction/parameters.js';
import { segmentationMask } from '../../engine/fingerprint/extraction/segmentation-mask.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { conditionNamed, seedOf } from './conditions.js';

const { values } = parseArgs({ options: { sets: { type: 'string' }, settings: { type: 'string' }, condition: { type: 'string' }, all: { type: 'boolean' }, draw: { type: 'string' } } });
const sets = (values.sets ?? '1,2,3,4').split(',').map(Number);
const settings = values.settings ? (JSON.parse(values.settings) as Partial<FlexionCreaseSettings>) : {};
const condition = conditionNamed(values.condition ?? 'none');
let fired = 0, total = 0;
const detectMs: number[] = [];
for (const set of sets) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', `db${set}_b`);
  let setFired = 0;
  for (let f = 101; f <= 110; f++) {
    for (let i = 1; i <= 8; i++) {
      const name = `${f}_${i}.tif`;
      const gray = await loadGray(`${dir}/${name}`, fvcPpi(dir));
      const { image: degraded, ppi } = condition.apply(gray, gray.ppi ?? 500, seedOf(name));
      const image = workingImage({ ...degraded, ppi });
      const orientation = orientationField(image);
      const seg = segmentationMask(image, orientation);
      const t0 = performance.now();
      let crease = flexionCrease(image.pixels, seg.mask, image.width, image.height, settings);
      detectMs.push(performance.now() - t0);
      // The keep rule of segmentation-mask.ts (flexionCreaseOf): no cut when a core lies beyond the band.
      const core = crease && singularPoints(orientation, seg).find((p) => p.type === 'core' && p.x * crease!.nx + p.y * crease!.ny > crease!.offset);
      if (core) { console.log(`db${set} ${name} band found, a core beyond it: not cut`); crease = null; }
      total++;
      if (crease) { fired++; setFired++; }
      if (crease && values.draw) {
        const { width: w, height: h, pixels } = image;
        const rgb = Buffer.alloc(w * h * 3);
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            const i = y * w + x, v = seg.mask[i] ? pixels[i] : 128 + (pixels[i] >> 1);
            const t = x * crease.nx + y * crease.ny - crease.offset;
            const band = Math.abs(t) <= crease.thickness / 2 && seg.mask[i];
            const beyond = !band && seg.mask[i] && t > 0; // the part segmentation-mask.ts removes
            rgb[3 * i] = band ? 255 : v;
            rgb[3 * i + 1] = band ? v >> 1 : v;
            rgb[3 * i + 2] = beyond ? 255 : band ? v >> 1 : v;
          }
        }
        await sharp(rgb, { raw: { width: w, height: h, channels: 3 } }).png().toFile(`${values.draw}/db${set}-${f}_${i}.png`);
      }
      if (crease || values.all) {
        const line = crease
          ? `thick ${(crease.thickness / PERIOD_DEFAULT).toFixed(2)} periods, dark ${crease.darkRatio.toFixed(2)}, span ${crease.span.toFixed(2)}, sides ${(crease.sideLow / PERIOD_DEFAULT).toFixed(1)} / ${(crease.sideHigh / PERIOD_DEFAULT).toFixed(1)} periods, tilt ${((Math.atan2(-crease.nx, crease.ny) * 180) / Math.PI).toFixed(0)}°, at ${crease.offset.toFixed(0)} px (${image.width}×${image.height})`
          : '-';
        console.log(`db${set} ${name} ${line}`);
      }
    }
  }
  console.log(`DB${set}: fires on ${setFired} of 80`);
}
console.log(`all: fires on ${fired} of ${total}; detector median ${detectMs.sort((a, b) => a - b)[detectMs.length >> 1].toFixed(2)} ms an image`);
