/**
 * Does `fp verify` agree with `fp identify`'s rank 1 on the FVC mates (issue 15 point 3)?
 *
 * Through a real server, as the CLI calls it: impression 1 of every finger of the given FVC folders
 * is enrolled from its image (one gallery for all folders); every other impression is then
 *   - searched (Identify, images in, ANN retrieval as by default), and
 *   - verified (Verify, image against the record Identify ranked first) at the FMR 0.1% threshold.
 * Reported per folder: rank-1 mates; disagreements (Identify's rank-1 score at or above the
 * threshold but Verify says no match, or the reverse: must be none, the two are one comparison);
 * the largest difference between the two scores; and the rank-1 mates Verify refuses at FMR 0.1%
 * and at the default FMR 0.01%, with their scores and minutiae counts (probe / record / pairs).
 *
 *   npx tsx scripts/eval/verify-identify.ts DIR:PPI... [--json OUT.json]
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startTestService } from '../../engine/service/test-harness.js';
import { call } from '../../engine/service/client.js';
import { thresholds } from '../../engine/fingerprint/matcher.js';
import type { FingerprintRecord__Output } from '../../engine/service/generated/biomatch/v1/FingerprintRecord.js';
import type { CandidateList__Output } from '../../engine/service/generated/biomatch/v1/CandidateList.js';
import type { VerifyResponse__Output } from '../../engine/service/generated/biomatch/v1/VerifyResponse.js';
import { fvcSamples } from './fvc-protocol.js';

export interface ProbeOutcome {
  set: string;
  probe: string;
  rank1: string | null;
  rank1Score: number;
  mateRank1: boolean;
  verifyScore: number;
  /** Verify's decision at the FMR 0.1% threshold. */
  verifyMatch: boolean;
  probeMinutiae: number;
  recordMinutiae: number;
  pairs: number;
}

export interface SetSummary {
  set: string;
  probes: number;
  rank1Mates: number;
  /** Identify's rank-1 score against the threshold disagreeing with Verify's decision. */
  disagreements: ProbeOutcome[];
  /** Rank-1 mates whose Verify score is below the threshold: the disagreements. */
  refusedAt01: ProbeOutcome[];
  refusedAt001: ProbeOutcome[];
  maxScoreDifference: number;
}

export function summarise(set: string, outcomes: ProbeOutcome[], t01: number, t001: number): SetSummary {
  const mates = outcomes.filter((o) => o.mateRank1);
  return {
    set,
    probes: outcomes.length,
    rank1Mates: mates.length,
    disagreements: outcomes.filter((o) => o.rank1 !== null && (o.rank1Score >= t01) !== o.verifyMatch),
    refusedAt01: mates.filter((o) => o.verifyScore < t01),
    refusedAt001: mates.filter((o) => o.verifyScore < t001),
    maxScoreDifference: Math.max(0, ...outcomes.filter((o) => o.rank1 !== null).map((o) => Math.abs(o.verifyScore - o.rank1Score))),
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  let json: string | undefined;
  const specs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = argv[++i];
    else specs.push(argv[i]);
  }
  if (specs.length === 0) throw new Error('usage: verify-identify DIR:PPI... [--json OUT.json]');
  const sets = specs.map((spec) => {
    const m = /^(.*):(\d+)$/.exec(spec);
    if (!m) throw new Error(`${spec}: expected DIR:PPI`);
    const dir = m[1];
    return { dir, ppi: Number(m[2]), name: basename(dir), samples: fvcSamples(readdirSync(dir), ['tif', 'tiff', 'png', 'bmp']) };
  });
  const t = await startTestService();
  try {
    const c = t.client();
    const sample = (dir: string, file: string, ppi: number) => ({ image: { data: readFileSync(join(dir, file)), ppi } });
    const records = new Map<string, string>(); // "set/finger" → record id
    for (const s of sets) {
      for (const smp of s.samples.filter((x) => x.impression === 1)) {
        const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint,
          { subjectId: `${s.name}/${smp.finger}`, fingerPosition: 0, sample: sample(s.dir, smp.file, s.ppi) }, c.metadata(), 120_000);
        records.set(`${s.name}/${smp.finger}`, rec.meta!.id);
      }
    }
    const summaries: SetSummary[] = [];
    for (const s of sets) {
      const outcomes: ProbeOutcome[] = [];
      for (const smp of s.samples.filter((x) => x.impression !== 1)) {
        const probe = sample(s.dir, smp.file, s.ppi);
        const list = await call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe, maxCandidates: 1 }, c.metadata(), 120_000);
        const top = list.candidates[0];
        const mateId = records.get(`${s.name}/${smp.finger}`)!;
        const v = top ? await call<object, VerifyResponse__Output>(c.fingerprint.verify, c.fingerprint,
          { probe, recordId: top.recordId, threshold: thresholds.fmr01 }, c.metadata(), 120_000) : undefined;
        outcomes.push({
          set: s.name, probe: smp.file, rank1: top?.subjectId ?? null, rank1Score: top?.score ?? 0,
          mateRank1: top?.recordId === mateId, verifyScore: v?.score ?? 0, verifyMatch: v?.match ?? false,
          probeMinutiae: v?.evidence?.probeMinutiae ?? 0, recordMinutiae: v?.evidence?.candidateMinutiae ?? 0, pairs: v?.evidence?.pairs.length ?? 0,
        });
      }
      const sum = summarise(s.name, outcomes, thresholds.fmr01, thresholds.fmr001);
      summaries.push(sum);
      const list = (xs: ProbeOutcome[]) => xs.map((o) => `${o.probe} ${o.verifyScore.toFixed(4)} (${o.probeMinutiae}/${o.recordMinutiae}/${o.pairs})`).join(', ') || '-';
      console.log(`${s.name}: ${sum.rank1Mates}/${sum.probes} rank-1 mates; ${sum.disagreements.length} disagreements at FMR 0.1%; rank-1 mates Verify refuses ${sum.refusedAt01.length} at FMR 0.1% (${thresholds.fmr01}): ${list(sum.refusedAt01)}; `
        + `${sum.refusedAt001.length} at FMR 0.01% (${thresholds.fmr001}, the default): ${list(sum.refusedAt001)}; max |identify - verify| score ${sum.maxScoreDifference.toExponential(2)}`);
    }
    if (json) writeFileSync(json, JSON.stringify({ thresholds, summaries }, null, 2) + '\n');
  } finally {
    await t.stop();
  }
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
