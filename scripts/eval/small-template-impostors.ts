/**
 * How the tenprint matcher scores impostors when the probe template is small (stop 29's lead; the
 * latent route's gate, docs/decisions/latent-tenprint-fusion.md, *Amendment*): each FVC2002 print
 * cut to its n minutiae nearest the minutiae's centroid (a small partial print, as a small sensor or
 * a fingertip gives), scored by the shipped FingerprintMatcher against every impression of every
 * other finger of its set (impostors) and, for reference, against its own finger's other impressions
 * whole (genuine). Reports, per n, the share of impostor comparisons at or above Verify's thresholds
 * (FMR 1 % / 0.1 % / 0.01 %, engine/fingerprint/matching/thresholds.ts) and the genuine share above
 * the 0.01 % one.
 *
 *   npx tsx scripts/eval/small-template-impostors.ts --set DIR:PPI [--set DIR:PPI]... [--sizes 8,12,16,20,30,full] [--json OUT.json]
 */
import { writeFileSync } from 'node:fs';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { thresholds } from '../../engine/fingerprint/matching/thresholds.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { folderTemplates, parseFolderSpec } from './image-folders.js';
import { shareAtOrAbove } from './verification-metrics.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const sets = argv.flatMap((a, i) => (argv[i - 1] === '--set' ? [a] : []));
const opt = (name: string, d: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : d);
const sizes = opt('--sizes', '8,12,16,20,30,full').split(',').map((v) => (v === 'full' ? Infinity : Number(v)));
if (sets.length === 0 || sizes.some((n) => !(n >= 1))) throw new Error('usage: small-template-impostors --set DIR:PPI [--set DIR:PPI]... [--sizes 8,12,16,20,30,full] [--json OUT.json]');

/** The n minutiae nearest the centroid of all of them (the whole template for n ≥ its count). */
export function smallTemplate(t: FingerprintTemplate, n: number): FingerprintTemplate {
  if (n >= t.minutiae.length) return t;
  const cx = t.minutiae.reduce((s, m) => s + m.x, 0) / t.minutiae.length;
  const cy = t.minutiae.reduce((s, m) => s + m.y, 0) / t.minutiae.length;
  const kept = [...t.minutiae].sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy)).slice(0, n);
  return { ...t, minutiae: kept };
}

const rows: Record<string, unknown>[] = [];
for (const spec of sets) {
  const { dir, ppi } = parseFolderSpec(spec, '--set');
  const prints = await folderTemplates(dir, ppi, { label: '--set' });
  const gallery = prints.map((p) => ({ finger: p.finger, form: prepareCandidate(p.template) }));
  for (const n of sizes) {
    const imp: number[] = [];
    const gen: number[] = [];
    // Prints with at least n minutiae (every print for the whole template).
    const probes = prints.filter((p) => n === Infinity || p.template.minutiae.length >= n);
    for (const p of probes) {
      const m = new FingerprintMatcher(smallTemplate(p.template, n));
      for (const [j, g] of gallery.entries()) {
        if (g.finger !== p.finger) imp.push(m.score(g.form));
        else if (prints[j] !== p) gen.push(m.score(g.form));
      }
    }
    const row = {
      set: dir, minutiae: n === Infinity ? 'full' : n, probes: probes.length,
      impostors: imp.length, atFmr1: shareAtOrAbove(imp, thresholds.fmr1), atFmr01: shareAtOrAbove(imp, thresholds.fmr01), atFmr001: shareAtOrAbove(imp, thresholds.fmr001),
      genuineAtFmr001: shareAtOrAbove(gen, thresholds.fmr001),
    };
    rows.push(row);
    const pct = (v: number) => `${(100 * v).toFixed(3)}%`;
    console.log(`${dir.split('/').pop()} n=${String(row.minutiae).padEnd(4)} probes ${row.probes} impostors ${imp.length}: ≥ FMR-1% thr ${pct(row.atFmr1)}, ≥ 0.1% ${pct(row.atFmr01)}, ≥ 0.01% ${pct(row.atFmr001)}; genuine ≥ 0.01% thr ${pct(row.genuineAtFmr001)}`);
  }
}
const out = opt('--json', '');
if (out) writeFileSync(out, JSON.stringify({ thresholds, rows }, null, 1) + '\n');
