/**
 * One SHA-256 over the latent features of every mark of pair-folder sets, to show a change leaves
 * the latent extractor's output byte-identical (e.g. a study's switch off):
 *
 *   npx tsx scripts/latent-features-hash.ts --pairs DIR[,DIR...] [--orientation-network off|field|prior]
 *
 * Prints one hash per set and the number of marks; run it on both sides of a change and compare.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { extractLatentFeatures, type LatentExtractOptions } from '../engine/latent/latent-extractor.js';
import { decodeGray } from './eval/image-templates.js';
import { readLatentPairs } from './eval/latent-pairs.js';

const { values } = parseArgs({ options: { pairs: { type: 'string' }, 'orientation-network': { type: 'string' } } });
if (!values.pairs) throw new Error('usage: latent-features-hash --pairs DIR[,DIR...]');
const study = (values['orientation-network'] ? { orientationNetwork: values['orientation-network'] } : {}) as LatentExtractOptions;
for (const dir of values.pairs.split(',')) {
  const hash = createHash('sha256');
  const pairs = readLatentPairs(dir);
  for (const p of pairs) {
    const features = await extractLatentFeatures(await decodeGray(p.latent), { ppi: 500, ...study });
    hash.update(p.id).update(JSON.stringify(features));
  }
  console.log(`${dir}\t${pairs.length} marks\t${hash.digest('hex')}`);
}
