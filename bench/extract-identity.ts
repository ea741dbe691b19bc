/**
 * Exact-output check for extractor speed work (issue 15, point 5), like match-identity.ts for the
 * matcher: a SHA-256 per image and per stage output (every stage the sink sees: minutiae, masks,
 * block orientations, ...) and of the template, over every FVC2002 B image as it is and under the
 * two conditions where the background-texture stage acts (noisy-background, printed-background).
 *   npx tsx bench/extract-identity.ts --write /tmp/extract-identity.json   (before a change)
 *   npx tsx bench/extract-identity.ts --check /tmp/extract-identity.json   (after; exit 1 on any difference)
 * [--param NAME=VALUE]: extract with a parameter under study (scripts/eval/studies.ts), to check
 * before switching a default that it leaves these images as they are.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fvcPpi, loadGray } from './extract-images.js';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import type { StageSink } from '../engine/fingerprint/stage-sink.js';
import { sharedDataPath } from '../fixtures/shared-data.js';
import { conditionNamed, seedOf } from '../scripts/eval/conditions.js';
import { tuningOf } from '../scripts/eval/studies.js';

const { values } = parseArgs({ options: { write: { type: 'string' }, check: { type: 'string' }, sets: { type: 'string' }, conditions: { type: 'string' }, param: { type: 'string' } } });
const tuning = values.param ? { tuning: tuningOf(values.param) } : {};
if (!values.write === !values.check) throw new Error('give exactly one of --write FILE or --check FILE');
const sets = (values.sets ?? '1,2,3,4').split(',').map(Number);
const conditions = (values.conditions ?? 'none,noisy-background,printed-background').split(',');

function feed(h: ReturnType<typeof createHash>, value: unknown): void {
  if (ArrayBuffer.isView(value)) h.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  else if (Array.isArray(value)) for (const v of value) feed(h, v);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { h.update(k); feed(h, v); }
  else h.update(String(value));
}

const result: Record<string, Record<string, string>> = {};
for (const set of sets) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', `db${set}_b`);
  for (let f = 101; f <= 110; f++) {
    for (let i = 1; i <= 8; i++) {
      const name = `${f}_${i}.tif`;
      const gray = await loadGray(`${dir}/${name}`, fvcPpi(dir));
      for (const cond of conditions) {
        const { image, ppi } = conditionNamed(cond).apply(gray, gray.ppi ?? 500, seedOf(name));
        const entry: Record<string, string> = {};
        const sink: StageSink = (stage, output) => {
          const h = createHash('sha256');
          feed(h, output);
          entry[stage] = h.digest('hex').slice(0, 16);
        };
        const t = await extractTemplate({ ...image, ppi }, { sink, ...tuning });
        const h = createHash('sha256');
        feed(h, t);
        entry.template = h.digest('hex').slice(0, 16);
        result[`db${set}/${name}/${cond}`] = entry;
      }
    }
  }
}
if (values.write) {
  writeFileSync(values.write, JSON.stringify(result));
  console.log(`${Object.keys(result).length} extractions written to ${values.write}`);
} else {
  const before = JSON.parse(readFileSync(values.check!, 'utf8')) as typeof result;
  let diff = 0, same = 0;
  const changedPerCondition = new Map<string, number>();
  for (const [key, entry] of Object.entries(result)) {
    const old = before[key];
    let changed = false;
    for (const [stage, hash] of Object.entries(entry)) {
      if (old?.[stage] === hash) same++;
      else { diff++; changed = true; if (diff <= 20) console.log(`DIFFERENT ${key} ${stage}`); }
    }
    const cond = key.split('/')[2];
    changedPerCondition.set(cond, (changedPerCondition.get(cond) ?? 0) + (changed ? 1 : 0));
  }
  console.log(`${same} stage outputs identical, ${diff} different (${Object.keys(result).length} extractions)`);
  console.log(`extractions with any difference, per condition: ${[...changedPerCondition].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  process.exitCode = diff === 0 ? 0 : 1;
}
