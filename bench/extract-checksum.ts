/**
 * Behaviour fingerprint of the extractor (SourceAFIS habit): a SHA-256 per stage over the
 * outputs of every FVC2002 B image, so that a refactoring or speed change that should not alter
 * results can be shown not to. Prints one line per stage and an overall digest.
 *   npx tsx bench/extract-checksum.ts [--sets 1,2,3,4]
 */
import { createHash, type Hash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fvcPpi, loadGray } from './extract-images.js';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import { STAGE_NAMES, type StageSink } from '../engine/fingerprint/stage-sink.js';
import { sharedDataPath } from '../fixtures/shared-data.js';

const { values } = parseArgs({ options: { sets: { type: 'string' } } });
const sets = (values.sets ?? '1,2,3,4').split(',').map(Number);
const hashes = new Map<string, Hash>(STAGE_NAMES.map((s) => [s, createHash('sha256')]));
const total = createHash('sha256');

function feed(h: Hash, value: unknown): void {
  if (ArrayBuffer.isView(value)) h.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  else if (Array.isArray(value)) for (const v of value) feed(h, v);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { h.update(k); feed(h, v); }
  else h.update(String(value));
}

for (const set of sets) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', `db${set}_b`);
  for (let f = 101; f <= 110; f++) {
    for (let i = 1; i <= 8; i++) {
      const img = await loadGray(`${dir}/${f}_${i}.tif`, fvcPpi(dir));
      const sink: StageSink = (stage, output) => feed(hashes.get(stage)!, output);
      const t = await extractTemplate(img, { sink });
      feed(total, t);
    }
  }
}
for (const [stage, h] of hashes) console.log(`${stage.padEnd(20)} ${h.digest('hex').slice(0, 16)}`);
console.log(`${'template'.padEnd(20)} ${total.digest('hex').slice(0, 16)}`);
