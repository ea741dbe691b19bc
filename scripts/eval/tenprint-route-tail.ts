/**
 * The tenprint route's impostor tail by template size (docs/decisions/latent-tenprint-fusion.md,
 * *Amendment*): each mark of the pair sets through the tenprint extractor, its best tenprint-matcher
 * score against 1,000 generated templates (seed 7, with a block field as prints have), binned by
 * the template's minutiae. Impostor scores only; no mate is scored.
 *
 *   npx tsx scripts/eval/tenprint-route-tail.ts --pairs DIR [--pairs DIR]... [--gallery 1000] [--json OUT.json]
 */
import { writeFileSync } from 'node:fs';
import { extractTemplate } from '../../engine/fingerprint/extractor.js';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { backgroundGallery } from '../../fixtures/gallery/background-gallery.js';
import { decodeGray } from './image-templates.js';
import { readLatentPairs } from './latent-pairs.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const dirs = argv.flatMap((a, i) => (argv[i - 1] === '--pairs' ? [a] : []));
const opt = (name: string) => argv[argv.indexOf(name) + 1];
const size = argv.includes('--gallery') ? Number(opt('--gallery')) : 1000;
if (dirs.length === 0 || !(size >= 1)) throw new Error('usage: tenprint-route-tail --pairs DIR [--pairs DIR]... [--gallery 1000] [--json OUT.json]');

const gallery = [...backgroundGallery(7, size, 0, { field: true })].map((t) => prepareCandidate(t));
const rows: { set: string; id: string; minutiae: number; bestImpostor: number }[] = [];
for (const dir of dirs) {
  for (const p of readLatentPairs(dir)) {
    const t = await extractTemplate(await decodeGray(p.latent), { ppi: 500 });
    const m = new FingerprintMatcher(t);
    let best = 0;
    for (const g of gallery) best = Math.max(best, m.score(g));
    rows.push({ set: dir, id: p.id, minutiae: t.minutiae.length, bestImpostor: best });
  }
}
const bins: [number, number][] = [[0, 5], [5, 10], [10, 15], [15, 20], [20, 30], [30, 50], [50, 100], [100, 256]];
const table = bins.flatMap(([a, b]) => {
  const r = rows.filter((x) => x.minutiae >= a && x.minutiae < b).map((x) => x.bestImpostor).sort((x, y) => x - y);
  return r.length ? [{ minutiae: `${a}–${b - 1}`, marks: r.length, median: r[Math.floor(r.length / 2)], p90: r[Math.floor(0.9 * r.length)], max: r[r.length - 1] }] : [];
});
for (const t of table) console.log(`tenprint minutiae ${t.minutiae.padEnd(7)} ${String(t.marks).padStart(4)} marks; best impostor among ${size}: median ${t.median.toFixed(3)} p90 ${t.p90.toFixed(3)} max ${t.max.toFixed(3)}`);
const out = argv.includes('--json') ? opt('--json') : undefined;
if (out) writeFileSync(out, JSON.stringify({ gallery: size, table, rows }, null, 1) + '\n');
