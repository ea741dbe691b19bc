/**
 * The DNA benches' data, probes and percentiles, in one place so that the benches start from the
 * same data and dna-search.bench.ts and dna-postgres.bench.ts search exactly the same stains.
 */
import { buildProfile, genotypeDesignations, type DnaProfile } from '../engine/dna/dna-profile.js';
import { loadavg } from 'node:os';
import type { FrequencyTable, PopulationTables } from '../engine/dna/frequency-table.js';
import { LocusRegistry } from '../engine/dna/locus-registry.js';
import type { ImportedProfile } from '../engine/dna/profile-import.js';
import { loadNist1036Profiles, loadSharedTables, NIST1036_GENOTYPES } from '../fixtures/dna/nist1036.js';
import { hasSharedData, sharedDataPath } from '../fixtures/shared-data.js';

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
/** The value after `--name` on the command line, else `dflt`. */
export function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : dflt;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** The load average as the DNA benches print it beside each figure. */
export const loadAverage = (): string => loadavg().map((v) => v.toFixed(2)).join(', ');

/**
 * What every DNA bench starts from: the registry, the shared frequency tables, the 1036 real NIST
 * profiles and the four NIST population tables synthetic profiles are drawn from. Where the shared
 * data is absent, says so and exits 0 (a bench that cannot run is skipped, not failed).
 */
export function nist1036Bench(): { registry: LocusRegistry; tables: PopulationTables; real: ImportedProfile[]; popTables: FrequencyTable[] } {
  if (!hasSharedData('dna', NIST1036_GENOTYPES)) {
    console.log(`skipping: ${sharedDataPath('dna')} not found`);
    process.exit(0);
  }
  const registry = LocusRegistry.create();
  const tables = loadSharedTables(registry);
  const real = loadNist1036Profiles(registry);
  const popTables = ['AfAm', 'Asian', 'Cauc', 'Hisp'].map((p) => tables.resolve(`nist1036/${p}`));
  return { registry, tables, real, popTables };
}

/**
 * A child of two real profiles: at each locus both parents are typed at (the first `maxLoci` of
 * the first parent's, when given), one allele drawn from each parent.
 */
export function childOf(pa: ImportedProfile, pb: ImportedProfile, random: () => number, registry: LocusRegistry, maxLoci?: number): DnaProfile {
  const loci: Record<string, string[]> = {};
  for (const [l, g] of [...pa.profile.loci].slice(0, maxLoci)) {
    const h = pb.profile.loci.get(l);
    if (h === undefined) continue;
    const a = genotypeDesignations(g);
    const b = genotypeDesignations(h);
    loci[l] = [a[Math.floor(random() * a.length)], b[Math.floor(random() * b.length)]];
  }
  return buildProfile({ loci, kind: 'unidentified-remains' }, registry);
}
