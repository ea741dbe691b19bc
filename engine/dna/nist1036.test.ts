/**
 * Real data: the 1036 NIST US genotypes (Hill et al. 2013), planted among synthetic profiles.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNist1036Profiles, loadSharedTables } from '../../fixtures/dna/nist1036.js';
import { rng, SyntheticProfiles } from '../../fixtures/dna/synthetic-profiles.js';
import { missingSharedData } from '../../fixtures/shared-data.js';
import { DnaIndex } from './dna-index.js';
import { buildProfile, genotypeDesignations, profileToLociRecord, type DnaProfile } from './dna-profile.js';
import type { PopulationTables } from './frequency-table.js';
import type { ImportedProfile } from './profile-import.js';
import { LocusRegistry } from './locus-registry.js';

const registry = LocusRegistry.create();
/** The agency that owns every record here and searches them. */
const LAB = 'NIST-LAB';

describe.skipIf(missingSharedData('dna'))('NIST 1036 genotypes', () => {
  let real: ImportedProfile[];
  let tables: PopulationTables;
  let index: DnaIndex;

  beforeAll(() => {
    real = loadNist1036Profiles(registry);
    tables = loadSharedTables(registry);
    index = new DnaIndex({ registry, tables, initialCapacity: 6000 });
    const synth = new SyntheticProfiles(registry, ['AfAm', 'Asian', 'Cauc', 'Hisp'].map((p) => tables.resolve(`nist1036/${p}`)), 7);
    for (let i = 0; i < 4000; i++) index.add(`syn${i}`, synth.next(), { kind: 'offender', ownerAgency: LAB });
    for (const r of real) index.add(r.sampleId, r.profile, { kind: 'offender', ownerAgency: LAB });
  });

  it('loads all 1036 profiles with 27-29 typed loci', () => {
    expect(real).toHaveLength(1036);
    expect(real[0].sampleId).toBe('GT37019');
    expect(real[0].population).toBe('AA');
    for (const r of real) expect(r.profile.loci.size).toBeGreaterThanOrEqual(27);
  });

  it('each profile finds itself, and only itself, at HIGH stringency', () => {
    for (const r of real) {
      const res = index.search(r.profile, { stringency: 'high', viewerAgency: LAB });
      expect(res.totalHits, r.sampleId).toBe(1);
      const top = res.candidates[0];
      expect(top.recordId).toBe(r.sampleId);
      expect(top.matchingLoci).toBe(r.profile.loci.size);
      expect(top.mismatchingLoci).toBe(0);
      expect(top.randomMatchProbability).toBeLessThan(1e-25);
      expect(top.likelihoodRatio).toBeCloseTo(1 / top.randomMatchProbability!, 0);
    }
  });

  it('dropping loci and alleles finds it at MODERATE (ranked first), not at HIGH', () => {
    const random = rng(11);
    let found = 0;
    for (const r of real) {
      const kept = [...r.profile.loci.entries()].filter(() => random() < 0.4).slice(0, 12);
      while (kept.length < 9) {
        const extra = [...r.profile.loci.entries()].find(([l]) => !kept.some(([k]) => k === l))!;
        kept.push(extra);
      }
      const loci: Record<string, string[]> = {};
      let dropped = 0;
      for (const [l, g] of kept) {
        const d = genotypeDesignations(g);
        if (d.length === 2 && dropped < 3) { loci[l] = [d[random() < 0.5 ? 0 : 1]]; dropped++; }
        else loci[l] = d;
      }
      const partial = buildProfile({ loci, kind: 'forensic-unknown' }, registry);
      const moderate = index.search(partial, { stringency: 'moderate', minComparedLoci: 8, viewerAgency: LAB });
      expect(moderate.candidates[0]?.recordId, r.sampleId).toBe(r.sampleId);
      if (dropped > 0) expect(index.search(partial, { stringency: 'high', viewerAgency: LAB }).candidates.some((c) => c.recordId === r.sampleId)).toBe(false);
      found++;
    }
    expect(found).toBe(1036);
  });

  it('a changed allele is a near match with maxMismatches 1; a wildcard matches as WILDCARD', () => {
    for (const r of real.slice(0, 200)) {
      const rec = profileToLociRecord(r.profile);
      const [l0, l1] = Object.keys(rec);
      const changed = buildProfile({ loci: { ...rec, [l0]: ['99'] } }, registry);
      expect(index.search(changed, { stringency: 'high', viewerAgency: LAB }).totalHits).toBe(0);
      const near = index.search(changed, { stringency: 'high', maxMismatches: 1, viewerAgency: LAB });
      expect(near.candidates[0].recordId).toBe(r.sampleId);
      expect(near.candidates[0].loci.find((d) => d.locus === l0)?.comparison).toBe('mismatch');
      const wild = buildProfile({ loci: { ...rec, [l1]: [rec[l1][0], '*'] } }, registry);
      const w = index.search(wild, { stringency: 'high', viewerAgency: LAB });
      expect(w.candidates[0].recordId).toBe(r.sampleId);
      expect(w.candidates[0].wildcardLoci).toBe(1);
      expect(w.candidates[0].loci.find((d) => d.locus === l1)?.comparison).toBe('wildcard');
    }
  });

  /** A child of two real profiles: one allele from each parent at every locus both typed. */
  function child(a: DnaProfile, b: DnaProfile, random: () => number): DnaProfile {
    const loci: Record<string, string[]> = {};
    for (const [l, ga] of a.loci) {
      const gb = b.loci.get(l);
      if (gb === undefined) continue;
      const pick = (d: string[]) => (d.length === 1 ? d[0] : d[random() < 0.5 ? 0 : 1]);
      loci[l] = [pick(genotypeDesignations(ga)), pick(genotypeDesignations(gb))];
    }
    return buildProfile({ loci, kind: 'unidentified-remains' }, registry);
  }

  it('parent-child: a child built from two real profiles ranks the true parent first', () => {
    const random = rng(5);
    for (let t = 0; t < 25; t++) {
      const pa = real[Math.floor(random() * real.length)];
      const pb = real.find((r, i) => r.population === pa.population && r !== pa && i > Math.floor(random() * 900))!;
      const kid = child(pa.profile, pb.profile, random);
      index.remove(pb.sampleId); // only one true relative in the database
      const res = index.kinshipSearch(kid, { relationship: 'parent-child', population: `nist1036/All`, viewerAgency: LAB });
      index.add(pb.sampleId, pb.profile, { kind: 'offender', ownerAgency: LAB });
      expect(res.candidates[0]?.recordId, `trial ${t}`).toBe(pa.sampleId);
      expect(res.candidates[0].kinshipIndex).toBeGreaterThan(1e6);
      expect(res.candidates[0].mismatchingLoci).toBe(0);
    }
  });

  it('full siblings: a sibling built from the same two real parents ranks first', () => {
    const random = rng(9);
    let first = 0;
    const trials = 25;
    for (let t = 0; t < trials; t++) {
      const pa = real[Math.floor(random() * real.length)];
      const pb = real[(real.indexOf(pa) + 1 + Math.floor(random() * 1000)) % real.length];
      const sib1 = child(pa.profile, pb.profile, random);
      const sib2 = child(pa.profile, pb.profile, random);
      // The parents leave the database: a parent scores a high SI too (it shares an allele at every
      // locus), and SI alone does not tell a parent from a sibling.
      index.remove(pa.sampleId);
      index.remove(pb.sampleId);
      index.add('sibling', sib2, { kind: 'missing-person', ownerAgency: LAB });
      const res = index.kinshipSearch(sib1, { relationship: 'full-sibling', targetKinds: ['missing-person', 'offender'], viewerAgency: LAB });
      index.remove('sibling');
      index.add(pa.sampleId, pa.profile, { kind: 'offender', ownerAgency: LAB });
      index.add(pb.sampleId, pb.profile, { kind: 'offender', ownerAgency: LAB });
      if (res.candidates[0]?.recordId === 'sibling') first++;
    }
    // Siblings share no allele at some loci, so an SI screen is weaker than PI; still near-perfect on 27+ loci.
    expect(first).toBeGreaterThanOrEqual(trials - 1);
  });
});
