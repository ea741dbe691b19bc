/**
 * The DNA benches' probes and percentiles, in one place so that dna-search.bench.ts and
 * dna-postgres.bench.ts search exactly the same stains.
 */
import { buildProfile, genotypeDesignations, type DnaProfile } from '../engine/dna/dna-profile.js';
import type { LocusRegistry } from '../engine/dna/locus-registry.js';

/** A degraded stain from a real profile: 8–12 loci, one allele dropped at up to 3 loci. */
export function partialOf(p: DnaProfile, random: () => number, registry: LocusRegistry): DnaProfile {
  const entries = [...p.loci.entries()].filter(([l]) => l !== 'AMEL');
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  const keep = entries.slice(0, 8 + Math.floor(random() * 5));
  const loci: Record<string, string[]> = {};
  let dropped = 0;
  for (const [l, g] of keep) {
    const d = genotypeDesignations(g);
    loci[l] = d.length === 2 && dropped < 3 && random() < 0.5 ? (dropped++, [d[random() < 0.5 ? 0 : 1]!]) : d;
  }
  return buildProfile({ loci, kind: 'forensic-unknown' }, registry);
}

/** The p-th percentile (nearest rank, from below) of unsorted values. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
