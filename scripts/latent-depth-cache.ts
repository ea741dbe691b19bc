/**
 * Builds a latent development cache (scripts/eval/latent-dev-cache.ts) for the depth study
 * (scripts/latent-depth.ts): `tsx scripts/latent-depth-cache.ts --pairs DIR [--markup] [--every K
 * [--offset I]] --cache OUT.json`.
 */
import { writeFileSync } from 'node:fs';
import { arg, buildLatentDevCache } from './eval/latent-dev-cache.js';

const dir = arg('--pairs');
const out = arg('--cache');
if (!dir || !out) throw new Error('usage: latent-depth-cache --pairs DIR [--markup] [--every K [--offset I]] --cache OUT.json');
const t0 = performance.now();
const cache = await buildLatentDevCache(dir, process.argv.includes('--markup'), Number(arg('--every') ?? 1), Number(arg('--offset') ?? 0), false);
writeFileSync(out, JSON.stringify(cache));
console.log(`${cache.probes.length} marks, ${cache.mates.length} mates in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
