/**
 * Where the printed-lines stage acts on FVC2002 under a condition: per image, the lines found
 * (lone / ruled) and the mask's area without and with the stage (mode 2, or MODE).
 *   npx tsx scripts/eval/printed-lines-fires.ts CONDITION [DB1,DB2,...] [MODE]
 */
import { fvcPpi, loadGray } from '../../bench/extract-images.js';
import { extractFingerprint } from '../../engine/fingerprint/extractor.js';
import { isRuled, printedLines } from '../../engine/fingerprint/extraction/printed-lines.js';
import { orientationField } from '../../engine/fingerprint/extraction/orientation-field.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { conditionNamed, seedOf } from './conditions.js';

const condition = conditionNamed(process.argv[2] ?? 'printed-background');
const sets = (process.argv[3] ?? 'DB1,DB2,DB3,DB4').split(',').map((s) => s.toLowerCase());
const mode = Number(process.argv[4] ?? 2);
for (const set of sets) {
  const dir = `${sharedDataPath('fingerprints')}/fvc2002/${set}_b`;
  for (let f = 101; f <= 110; f++) {
    for (let i = 1; i <= 8; i++) {
      const name = `${f}_${i}.tif`;
      const gray = await loadGray(`${dir}/${name}`, fvcPpi(dir));
      const { image, ppi } = condition.apply(gray, gray.ppi ?? 500, seedOf(name));
      const areaOf = async (v: number): Promise<{ area: number; minutiae: number; working: { pixels: Uint8Array; width: number; height: number } | null }> => {
        let area = 0, working: { pixels: Uint8Array; width: number; height: number } | null = null;
        const { template, minutiaeDropped } = await extractFingerprint({ ...image, ppi }, { ppi, tuning: { segmentation: { printedLines: v } }, sink: (stage, value) => {
          if (stage === 'segmentation-mask') area = (value as { area: number }).area;
          if (stage === 'resolution') working = value as { pixels: Uint8Array; width: number; height: number };
        } });
        return { area, minutiae: template.minutiae.length + minutiaeDropped, working };
      };
      const off = await areaOf(0), on = await areaOf(mode);
      if (off.area === on.area) continue;
      const wimg = off.working!;
      const lines = printedLines(wimg.pixels, orientationField({ ...wimg, ppi: 500 }).angle, wimg.width, wimg.height);
      const lone = lines.filter((l) => !isRuled(l, lines)).length;
      console.log(`${set}/${name}: ${lines.length} lines (${lone} lone), mask ${off.area} → ${on.area} px, minutiae ${off.minutiae} → ${on.minutiae}`);
    }
  }
}
