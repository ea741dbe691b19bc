/**
 * Where the FVC-protocol EER's weak genuine pairs lose (issue 15 point 3): for each FVC2002 set,
 * the genuine pairs our pipeline scores at or below the set's top FVC-protocol impostor, and the
 * top impostor itself, each scored twice by the same matcher: on our extractor's templates of the
 * images and on SecuGen's ISO 19794-2 templates of the same images (the independent extractor;
 * made from images resized to 300 × 400, both templates of a pair in that one frame, so a score
 * compares with the same kind's scores only). A pair that is weak on ours and strong on SecuGen's
 * (above SecuGen's own top impostor) is lost in our extraction; weak on both, it is a hard pair.
 *
 *   npx tsx scripts/eval/weak-pairs-secugen.ts [--cache DIR] [--json OUT.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { decodeIso19794_2Single } from '../../engine/fingerprint/templates/iso-19794-2.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcProtocol } from './fvc-protocol.js';
import { cachedTemplates } from './eer-pairs.js';

export interface WeakPair { pair: string; ours: number; secugen: number; lostInExtraction: boolean }

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cache: { type: 'string' }, json: { type: 'string' } } });
  const out: Record<string, { topImpostor: { pair: string; ours: number; secugen: number }; secugenTopImpostor: number; weak: WeakPair[] }> = {};
  for (const set of FVC2002_SETS) {
    const { samples, templates } = await cachedTemplates(values.cache ?? '/tmp/tenprint-cue', set);
    const isoDir = sharedDataPath('fingerprints', 'templates', 'secugen-iso19794-2', `fvc2002_${set.folder}`);
    const iso = samples.map((s) => decodeIso19794_2Single(readFileSync(join(isoDir, s.file.replace(/\.tif$/, '.iso')))));
    // Each template prepared once per kind, as probe and as candidate (pairs score probe i against candidate j).
    const kinds = new Map([templates, iso].map((ts) => [ts, { probe: ts.map((t) => new FingerprintMatcher(t)), candidate: ts.map((t) => prepareCandidate(t)) }]));
    const score = (ts: typeof templates, [i, j]: readonly [number, number]) => { const k = kinds.get(ts)!; return k.probe[i]!.score(k.candidate[j]!); };
    const name = ([i, j]: readonly [number, number]) => `${samples[i]!.file.replace('.tif', '')}–${samples[j]!.file.replace('.tif', '')}`;
    const protocol = fvcProtocol(samples);
    const impostors = protocol.impostor.map((p) => ({ p, ours: score(templates, p), secugen: score(iso, p) }));
    const top = impostors.reduce((a, b) => (b.ours > a.ours ? b : a));
    const secugenTop = Math.max(...impostors.map((x) => x.secugen));
    const weak = protocol.genuine
      .map((p) => ({ p, ours: score(templates, p) }))
      .filter((g) => g.ours <= top.ours)
      .sort((a, b) => a.ours - b.ours)
      .map((g) => {
        const secugen = score(iso, g.p);
        return { pair: name(g.p), ours: g.ours, secugen, lostInExtraction: secugen > secugenTop };
      });
    out[set.name] = { topImpostor: { pair: name(top.p), ours: top.ours, secugen: top.secugen }, secugenTopImpostor: secugenTop, weak };
    console.log(`${set.name}: top FVC impostor ${name(top.p)} ours ${top.ours.toFixed(4)} (SecuGen ${top.secugen.toFixed(4)}; SecuGen's top impostor ${secugenTop.toFixed(4)}); ${weak.length} genuine pairs at or below it on ours, ${weak.filter((w) => w.lostInExtraction).length} of them above SecuGen's top impostor on SecuGen's templates`);
    for (const w of weak) console.log(`  ${w.pair}: ours ${w.ours.toFixed(4)}, SecuGen ${w.secugen.toFixed(4)}${w.lostInExtraction ? '  (lost in our extraction)' : ''}`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('weak-pairs-secugen.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
