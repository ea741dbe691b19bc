/**
 * Diagnostic for the border-filter study (docs/decisions/border-filter.md): on synthetic fingers,
 * the minutiae in the border band (border distance BORDER_INNER_PX ≤ d < BORDER_MIN_PX) that the
 * 'direction' filter keeps and today's 'distance' filter drops, by kind, and how many of them pair
 * with a true minutia (10 px, 30°, minutiae-agreement.ts). Says which kind brings the extra false
 * minutiae at the edge; chooses nothing.
 *   npx tsx scripts/eval/border-band.ts --fingers 30 --impressions 8 --seed 1 --setting plain,wet,mixed
 */
import { parseArgs } from 'node:util';
import { BORDER_INNER_PX, BORDER_MIN_PX } from '../../engine/fingerprint/extraction/parameters.js';
import { syntheticFinger, syntheticImpression } from '../../fixtures/synthetic-fingers/synthetic-fingers.js';
import { pairMinutiae } from './minutiae-agreement.js';
import { extractWithStatistics } from './synthetic-fingers.js';

const { values } = parseArgs({ options: { fingers: { type: 'string', default: '30' }, impressions: { type: 'string', default: '8' }, seed: { type: 'string', default: '1' }, setting: { type: 'string', default: 'plain,wet,mixed' } } });
const fingers = Number(values.fingers), impressions = Number(values.impressions), seed = Number(values.seed);
const settings = values.setting.split(',');
const tolerance = { distance: 10, angle: Math.PI / 6 };

type Tally = { found: number; paired: number };
const tallies = new Map(settings.map((s) => [s, { ending: { found: 0, paired: 0 } as Tally, bifurcation: { found: 0, paired: 0 } as Tally, all: { found: 0, paired: 0 } as Tally, prints: 0 }]));
for (let f = 0; f < fingers; f++) {
  const finger = syntheticFinger(seed, f);
  for (const s of settings) {
    const t = tallies.get(s)!;
    for (let i = 0; i < impressions; i++) {
      const imp = syntheticImpression(seed, f, finger, i, s);
      const r = await extractWithStatistics(imp.image, imp.ppi, { border: { filter: 'direction' } });
      const seg = r.segmentation!;
      const found = r.template.minutiae;
      const pairing = pairMinutiae(imp.truth, found, tolerance);
      const unpaired = new Set(pairing.unpairedOurs);
      t.prints++;
      found.forEach((m, j) => {
        const d = seg.borderDistance[Math.round(m.y) * seg.width + Math.round(m.x)];
        if (d < BORDER_INNER_PX || d >= BORDER_MIN_PX) return;
        const kind = m.type === 'bifurcation' ? t.bifurcation : t.ending;
        for (const k of [kind, t.all]) { k.found++; if (!unpaired.has(j)) k.paired++; }
      });
    }
  }
}
console.log(`seed ${seed}, ${fingers} fingers × ${impressions} impressions; band ${BORDER_INNER_PX} ≤ d < ${BORDER_MIN_PX} px, 'direction' filter`);
console.log('| setting | band minutiae per print | paired with truth | endings: per print, paired | bifurcations: per print, paired |\n|---|---|---|---|---|');
const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(1) : '–') + '%';
for (const [s, t] of tallies) {
  console.log(`| ${s} | ${(t.all.found / t.prints).toFixed(2)} | ${pct(t.all.paired, t.all.found)} | ${(t.ending.found / t.prints).toFixed(2)}, ${pct(t.ending.paired, t.ending.found)} | ${(t.bifurcation.found / t.prints).toFixed(2)}, ${pct(t.bifurcation.paired, t.bifurcation.found)} |`);
}
