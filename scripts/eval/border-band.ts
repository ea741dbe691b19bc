/**
 * Diagnostic for the border-filter studies (docs/decisions/border-filter.md, border-filter-gate.md):
 * on synthetic fingers, the minutiae in the border band (border distance BORDER_INNER_PX ≤ d <
 * BORDER_MIN_PX) that the 'direction' filter keeps and today's 'distance' filter drops, by kind,
 * and how many of them pair with a true minutia (10 px, 30°, minutiae-agreement.ts). Says which
 * kind brings the extra false minutiae at the edge; chooses nothing.
 *
 * With --measures, also what is measured at each band minutia (minutia-quality.ts's factors: ridge
 * clarity, the coherence score, whether its block's ridge period was measured, the quality before
 * its border factor; the border distance; the kind), true (paired) against false (unpaired): the
 * quartiles of each, and for a few thresholds of each the share of true and of false band minutiae
 * a gate "measure ≥ threshold" would keep. Development seed only (the gate study's seed 1).
 *   npx tsx scripts/eval/border-band.ts --fingers 30 --impressions 8 --seed 1 --setting plain,wet,mixed [--measures]
 */
import { parseArgs } from 'node:util';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import type { EnhancedImage } from '../../engine/fingerprint/extraction/enhanced-image.js';
import { coherenceScore, ridgeClarity } from '../../engine/fingerprint/extraction/minutia-quality.js';
import type { OrientationField } from '../../engine/fingerprint/extraction/orientation-field.js';
import { BORDER_INNER_PX, BORDER_MIN_PX, CLARITY_HIGH, CLARITY_LOW } from '../../engine/fingerprint/extraction/parameters.js';
import type { RidgeFrequency } from '../../engine/fingerprint/extraction/ridge-frequency.js';
import type { SegmentationMask } from '../../engine/fingerprint/extraction/segmentation-mask.js';
import { extractFingerprint } from '../../engine/fingerprint/extractor.js';
import { syntheticFinger, syntheticImpression } from '../../fixtures/synthetic-fingers/synthetic-fingers.js';
import { pairMinutiae } from './minutiae-agreement.js';

const { values } = parseArgs({ options: { fingers: { type: 'string', default: '30' }, impressions: { type: 'string', default: '8' }, seed: { type: 'string', default: '1' }, setting: { type: 'string', default: 'plain,wet,mixed' }, measures: { type: 'boolean', default: false } } });
const fingers = Number(values.fingers), impressions = Number(values.impressions), seed = Number(values.seed);
const settings = values.setting.split(',');
const tolerance = { distance: 10, angle: Math.PI / 6 };

/** What is measured at one band minutia (minutia-quality.ts's factors, before the border factor). */
interface BandMeasures { clarity: number; coherence: number; periodMeasured: number; qualityNoBorder: number; distance: number; bifurcation: number }
const MEASURES: (keyof BandMeasures)[] = ['clarity', 'coherence', 'periodMeasured', 'qualityNoBorder', 'distance', 'bifurcation'];

type Tally = { found: number; paired: number };
const tallies = new Map(settings.map((s) => [s, { ending: { found: 0, paired: 0 } as Tally, bifurcation: { found: 0, paired: 0 } as Tally, all: { found: 0, paired: 0 } as Tally, prints: 0, samples: [] as { m: BandMeasures; paired: boolean }[] }]));
for (let f = 0; f < fingers; f++) {
  const finger = syntheticFinger(seed, f);
  for (const s of settings) {
    const t = tallies.get(s)!;
    for (let i = 0; i < impressions; i++) {
      const imp = syntheticImpression(seed, f, finger, i, s);
      let image: GrayImage | undefined, seg: SegmentationMask | undefined, orientation: OrientationField | undefined, frequency: RidgeFrequency | undefined, enhanced: EnhancedImage | undefined;
      const r = await extractFingerprint(imp.image, {
        ppi: imp.ppi,
        tuning: { border: { filter: 'direction' } },
        // The image minutia-quality.ts reads: the low-pass one where the pre-filter is on.
        sink: (stage, output) => {
          if (stage === 'resolution' || stage === 'low-pass-image') image = output as GrayImage;
          else if (stage === 'segmentation-mask') seg = output as SegmentationMask;
          else if (stage === 'orientation-field') orientation = output as OrientationField;
          else if (stage === 'ridge-frequency') frequency = output as RidgeFrequency;
          else if (stage === 'enhanced-image') enhanced = output as EnhancedImage;
        },
      });
      const found = r.template.minutiae;
      const pairing = pairMinutiae(imp.truth, found, tolerance);
      const unpaired = new Set(pairing.unpairedOurs);
      t.prints++;
      found.forEach((m, j) => {
        const at = Math.round(m.y) * seg!.width + Math.round(m.x);
        const d = seg!.borderDistance[at];
        if (d < BORDER_INNER_PX || d >= BORDER_MIN_PX) return;
        const kind = m.type === 'bifurcation' ? t.bifurcation : t.ending;
        const paired = !unpaired.has(j);
        for (const k of [kind, t.all]) { k.found++; if (paired) k.paired++; }
        if (!values.measures) return;
        const c = (ridgeClarity(image!, enhanced!, m.x, m.y) - CLARITY_LOW) / (CLARITY_HIGH - CLARITY_LOW);
        const clarity = c < 0 ? 0 : c > 1 ? 1 : c;
        const coherence = coherenceScore(orientation!.coherence[at]);
        const fq = frequency!;
        const fb = Math.min(fq.blocksHigh - 1, (m.y / fq.block) | 0) * fq.blocksWide + Math.min(fq.blocksWide - 1, (m.x / fq.block) | 0);
        const periodMeasured = fq.measured[fb] ? 1 : 0;
        // minutia-quality.ts with the default flow floor 0.5, without the border factor.
        const qualityNoBorder = 100 * clarity * (0.5 + 0.5 * coherence) * (periodMeasured ? 1 : 0.8);
        t.samples.push({ m: { clarity, coherence, periodMeasured, qualityNoBorder, distance: d, bifurcation: m.type === 'bifurcation' ? 1 : 0 }, paired });
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
if (values.measures) {
  const quartiles = (xs: number[]): string => {
    if (!xs.length) return '–';
    const s = [...xs].sort((a, b) => a - b);
    const q = (p: number): string => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(2);
    return `${q(0.25)} / ${q(0.5)} / ${q(0.75)}`;
  };
  console.log('\nQuartiles (25 / 50 / 75 %) of each measure at the band minutiae, true (paired) | false (unpaired):');
  console.log(`| setting | n true / false | ${MEASURES.join(' | ')} |\n|---|---|${MEASURES.map(() => '---|').join('')}`);
  for (const [s, t] of tallies) {
    const tr = t.samples.filter((x) => x.paired), fa = t.samples.filter((x) => !x.paired);
    console.log(`| ${s} | ${tr.length} / ${fa.length} | ${MEASURES.map((k) => `${quartiles(tr.map((x) => x.m[k]))} \\| ${quartiles(fa.map((x) => x.m[k]))}`).join(' | ')} |`);
  }
  // Gate "measure ≥ threshold": per setting, per print, the true and the false band minutiae kept.
  const grid: Partial<Record<keyof BandMeasures, number[]>> = {
    clarity: [0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    coherence: [0.2, 0.4, 0.6, 0.8, 0.9, 1],
    qualityNoBorder: [20, 30, 40, 50, 60, 70, 80],
    periodMeasured: [1],
    distance: [6, 7, 8, 9],
  };
  console.log('\nGate "measure ≥ threshold" on the band minutiae: true / false kept per print, per setting (no gate first):');
  console.log(`| gate | ${settings.join(' | ')} |\n|---|${settings.map(() => '---|').join('')}`);
  const row = (name: string, keep: (m: BandMeasures) => boolean): void => {
    console.log(`| ${name} | ${[...tallies.values()].map((t) => {
      const kept = t.samples.filter((x) => keep(x.m));
      return `${(kept.filter((x) => x.paired).length / t.prints).toFixed(2)} / ${(kept.filter((x) => !x.paired).length / t.prints).toFixed(2)}`;
    }).join(' | ')} |`);
  };
  row('none', () => true);
  for (const [k, ths] of Object.entries(grid) as [keyof BandMeasures, number[]][]) for (const th of ths) row(`${k} ≥ ${th}`, (m) => m[k] >= th);
}
