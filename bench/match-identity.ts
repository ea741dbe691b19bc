/**
 * Score identity of the matcher against a reference checkout, with the orientation cue: every
 * `score()` and `match()` result (score, minutiae score, agreement, overlap, pairs with their
 * similarities, rotation, dx, dy; each number by its 64-bit pattern) over every ordered pair
 * within each FVC2002 set, and `score()` across sets, of the 320 templates this checkout's
 * extractor makes of the images (with their block orientation fields; the same JSON cache as
 * match-ab.bench.ts). The reference's results are computed once by the reference's own code and
 * cached in /tmp as a digest per probe row; then this checkout's are compared with them.
 * Exit status 1 when any row differs.
 *
 *   git worktree add --detach /tmp/main main   (or git archive main | tar -x -C /tmp/main; link node_modules)
 *   npx tsx bench/match-identity.ts [--cache FILE] [--results FILE] /tmp/main
 *   BIOMATCH_WASM_SIMD=0 npx tsx bench/match-identity.ts /tmp/main   (the JavaScript path, same reference)
 *   npx tsx bench/match-identity.ts --iso /tmp/main   (the SecuGen ISO 19794-2 templates of the same
 *   images instead: one quality per template, so the quality spread must leave them bit for bit)
 *
 * A changed extractor gives other templates: the template cache is hashed into the results file,
 * and a results file made from other templates is refused (delete it, or the cache, to start over).
 * Figures: docs/measurements/matching.md ("score identity with the orientation cue").
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFvcBenchTemplates, loadFvcIsoBenchTemplates } from './fvc-bench-templates.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { cache: { type: 'string' }, results: { type: 'string' }, iso: { type: 'boolean' } } });
if (positionals.length !== 1) throw new Error('usage: match-identity.ts [--cache FILE | --iso] [--results FILE] REFERENCE_CHECKOUT');
const reference = resolve(positionals[0]);
const cache = values.cache ?? '/tmp/biomatch-match-ab.json';
const { sets, hash: templatesHash } = values.iso ? loadFvcIsoBenchTemplates() : await loadFvcBenchTemplates(cache);
const resultsFile = values.results ?? `/tmp/biomatch-match-identity-${values.iso ? 'iso-' : ''}${createHash('sha256').update(reference).digest('hex').slice(0, 8)}.json`;

interface Pair { probe: number; candidate: number; similarity: number }
interface Result { score: number; pairs: Pair[]; rotation: number; dx: number; dy: number; minutiaeScore?: number; orientationAgreement?: number; orientationOverlap?: number }
interface Matcher { score(c: unknown): number; match(c: unknown): Result }
interface MatcherModule { prepareCandidate(t: unknown): unknown; FingerprintMatcher: new (p: unknown) => Matcher }
interface Results { reference: string; templates: string; rows: string[]; digest: string }

const bits = new Float64Array(1);
const word = new Uint32Array(bits.buffer);
/** A number's 64-bit pattern (undefined as '-'): equal strings, equal bits. */
function hex(x: number | undefined): string {
  if (x === undefined) return '-';
  bits[0] = x;
  return word[1].toString(16) + ':' + word[0].toString(16);
}

/** One digest per probe: its match() and score() against each candidate of its set, then score() against every other set. */
async function resultsOf(checkout: string): Promise<string[]> {
  const m = (await import(join(checkout, 'engine/fingerprint/matcher.ts'))) as MatcherModule;
  const forms = sets.map((ts) => ts.map((t) => m.prepareCandidate(t)));
  const rows: string[] = [];
  forms.forEach((fs, s) => {
    for (const p of fs) {
      const matcher = new m.FingerprintMatcher(p);
      const h = createHash('sha256');
      for (const c of fs) {
        const r = matcher.match(c);
        h.update([hex(r.score), hex(r.minutiaeScore), hex(r.orientationAgreement), hex(r.orientationOverlap), hex(r.rotation), hex(r.dx), hex(r.dy)].join(' '));
        for (const q of r.pairs) h.update(` ${q.probe},${q.candidate},${hex(q.similarity)}`);
        h.update(` ${hex(matcher.score(c))}\n`);
      }
      forms.forEach((other, o) => {
        if (o !== s) for (const c of other) h.update(`${hex(matcher.score(c))}\n`);
      });
      rows.push(h.digest('hex'));
    }
  });
  return rows;
}

const digestOf = (rows: string[]): string => createHash('sha256').update(rows.join('\n')).digest('hex');
if (!existsSync(resultsFile)) {
  const rows = await resultsOf(reference);
  const out: Results = { reference, templates: templatesHash, rows, digest: digestOf(rows) };
  writeFileSync(resultsFile, JSON.stringify(out));
  console.log(`reference ${reference}: ${rows.length} probe rows written to ${resultsFile}`);
}
const ref = JSON.parse(readFileSync(resultsFile, 'utf8')) as Results;
if (ref.templates !== templatesHash) throw new Error(`${resultsFile} was made from other templates than ${values.iso ? 'the ISO templates' : cache}: delete one of them`);
const rows = await resultsOf(resolve('.'));
const differing = rows.flatMap((r, i) => (r === ref.rows[i] ? [] : [i]));
const comparisons = sets.reduce((n, ts) => n + ts.length, 0) ** 2 + sets.reduce((n, ts) => n + ts.length * ts.length, 0);
console.log(`${comparisons} comparisons (match() and score() within each set, score() across sets), ${rows.length} probe rows; path ${process.env.BIOMATCH_WASM_SIMD === '0' ? 'JavaScript' : 'WebAssembly where available'}`);
console.log(`reference ${ref.digest.slice(0, 16)}…, this checkout ${digestOf(rows).slice(0, 16)}…`);
if (differing.length > 0) {
  console.log(`DIFFERENT: ${differing.length} probe rows, first ${differing.slice(0, 10).join(', ')}`);
  process.exit(1);
}
console.log('identical: every score, agreement, overlap, pair and alignment, to the last bit');
