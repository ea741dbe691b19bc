/**
 * Background gallery generator, command line.
 *
 *   npx tsx scripts/generate-gallery.ts --count 1000 --seed 7 --out DIR [--format json|iso]
 *       writes N synthetic templates (fixtures/gallery/background-gallery.ts) to DIR, one file
 *       each: the internal template as JSON, or the bytes of a minimal ISO/IEC 19794-2:2005 record;
 *   npx tsx scripts/generate-gallery.ts --stats [--count 2000]
 *       prints the generated and the real (SecuGen FVC2002) template statistics side by side;
 * (The finger vector's projection is fitted on this generator's output by scripts/fit-finger-vector.ts.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { loadSecugenFvc2002 } from '../fixtures/gallery/fvc-secugen-templates.js';
import { templateStatistics } from '../fixtures/gallery/template-statistics.js';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const has = (name: string) => argv.includes(name);

if (has('--stats')) {
  const count = Number(opt('--count', '2000'));
  const generated = templateStatistics([...backgroundGallery(Number(opt('--seed', '7')), count)]);
  const real = templateStatistics((await loadSecugenFvc2002()).map((r) => r.template));
  console.log(JSON.stringify({ real, generated }, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v), 2));
} else {
  const count = Number(opt('--count', '1000'));
  const seed = Number(opt('--seed', '7'));
  const out = opt('--out', '');
  if (!out) throw new Error('--out DIR is required');
  const format = opt('--format', 'json');
  mkdirSync(out, { recursive: true });
  let i = 0;
  for (const t of backgroundGallery(seed, count)) {
    if (format === 'iso') writeFileSync(join(out, `bg_${i}.iso`), isoRecord(t));
    else writeFileSync(join(out, `bg_${i}.json`), JSON.stringify(t));
    i++;
  }
  console.log(`wrote ${i} templates to ${out}`);
}

/** A minimal single-view ISO/IEC 19794-2:2005 record (§7), for feeding generated templates to tools. */
function isoRecord(t: FingerprintTemplate): Uint8Array {
  const m = Math.min(255, t.minutiae.length);
  const len = 24 + 4 + 6 * m + 2;
  const b = new Uint8Array(len);
  const dv = new DataView(b.buffer);
  b.set([0x46, 0x4d, 0x52, 0, 0x20, 0x32, 0x30, 0]);
  dv.setUint32(8, len);
  dv.setUint16(14, t.width);
  dv.setUint16(16, t.height);
  dv.setUint16(18, 197); // 500 ppi in px/cm
  dv.setUint16(20, 197);
  b[22] = 1;
  b[27] = m;
  const types = { other: 0, ending: 1, bifurcation: 2 } as const;
  for (let i = 0; i < m; i++) {
    const mm = t.minutiae[i];
    const o = 28 + 6 * i;
    dv.setUint16(o, (types[mm.type] << 14) | (Math.round(mm.x) & 0x3fff));
    dv.setUint16(o + 2, Math.round(mm.y) & 0x3fff);
    b[o + 4] = Math.round((mm.direction / (2 * Math.PI)) * 256) & 255;
    b[o + 5] = mm.quality;
  }
  return b;
}
