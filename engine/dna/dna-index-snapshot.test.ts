/**
 * The DNA index snapshot: a restored index answers every search exactly as the index it was
 * written from and as an index rebuilt from the same records; a damaged, truncated, re-versioned,
 * wrongly keyed or foreign-registry snapshot is refused; sealed snapshots hold no plaintext.
 * Also: addStored (the load path's fast add) indexes exactly what add(fromStoredProfile) does.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng, SyntheticProfiles } from '../../fixtures/dna/synthetic-profiles.js';
import { EncryptionKey } from '../security/encryption.js';
import { EngineError } from '../errors.js';
import { DnaIndex } from './dna-index.js';
import { readDnaIndexSnapshot, readDnaIndexSnapshotHeader, SnapshotRefused, writeDnaIndexSnapshot } from './dna-index-snapshot.js';
import { buildProfile, fromStoredProfile, genotypeDesignations, toStoredProfile, type DnaProfile, type ProfileKind, type StoredDnaProfile } from './dna-profile.js';
import type { DnaRecordMeta } from './dna-search.js';
import { loadFrequencyFiles } from './frequency-files.js';
import { LocusRegistry } from './locus-registry.js';
import { STRINGENCIES } from './locus-comparison.js';

const registry = LocusRegistry.create();
const tables = loadFrequencyFiles(
  [{ source: 'nist1036', path: fileURLToPath(new URL('./frequency-tables/nist1036_us_29loci_freqs.csv', import.meta.url)) }],
  registry,
  'nist1036/All',
);
const POPULATIONS = ['AfAm', 'Asian', 'Cauc', 'Hisp'].map((p) => tables.resolve(`nist1036/${p}`));
const AGENCIES = ['AG1', 'AG2', 'AG3'];
const KINDS: ProfileKind[] = ['offender', 'arrestee', 'forensic-unknown', 'forensic-mixture', 'missing-person', 'unidentified-remains'];
const STAMP = { generation: 42, anchor: 'abc' };

function clean<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** A mixture: two profiles' alleles together at every locus both type (more than two alleles: overflow keys). */
function mixture(a: DnaProfile, b: DnaProfile): DnaProfile {
  const loci: Record<string, string[]> = {};
  for (const [l, g] of a.loci) {
    const h = b.loci.get(l);
    if (h === undefined || l === 'AMEL') continue;
    loci[l] = [...new Set([...genotypeDesignations(g), ...genotypeDesignations(h)])];
  }
  return buildProfile({ loci, kind: 'forensic-mixture' }, registry, { minTypedLoci: 0 });
}

/** Some loci as wildcards, some dropped: the partial and wildcard keys. */
function partial(p: DnaProfile, random: () => number): DnaProfile {
  const loci: Record<string, string[]> = {};
  for (const [l, g] of p.loci) {
    const d = genotypeDesignations(g);
    const r = random();
    if (r < 0.1) continue;
    loci[l] = r < 0.15 ? ['*'] : r < 0.2 ? [d[0], '*'] : d;
  }
  return buildProfile({ loci, kind: p.kind }, registry, { minTypedLoci: 0 });
}

interface Rec { id: string; profile: DnaProfile; meta: DnaRecordMeta }

describe('DNA index snapshot', () => {
  const N = 2500;
  const synth = new SyntheticProfiles(registry, POPULATIONS, 21);
  const random = rng(22);
  const records: Rec[] = [];
  let original: DnaIndex;
  let dir: string;
  const key = EncryptionKey.fromBytes(new Uint8Array(32).map((_, i) => i * 7 + 1));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dna-snapshot-'));
    for (let i = 0; i < N; i++) {
      const kind = KINDS[i % KINDS.length];
      let profile = synth.next(kind === 'forensic-mixture' ? 'offender' : kind);
      if (kind === 'forensic-mixture') profile = mixture(profile, synth.next('offender'));
      else if (i % 5 === 1) profile = partial(profile, random);
      const owner = AGENCIES[i % 3];
      records.push({
        id: `rec-${i}`, profile: { ...profile, kind },
        meta: {
          kind, ownerAgency: owner, visibleTo: AGENCIES.filter((a) => a !== owner && random() < 0.3), visibleToAll: i % 7 === 0,
          subjectId: i % 2 === 0 ? `subject-${i}` : '', ...(i % 3 === 0 ? { externalId: `lab-${i}-ünïcode` } : {}),
        },
      });
    }
    original = new DnaIndex({ registry, tables });
    for (const r of records) original.add(r.id, r.profile, r.meta);
    // Removed records leave free ordinals (reused in order) and zero key counts behind.
    for (let i = 0; i < N; i += 11) original.remove(`rec-${i}`);
    original.add('rec-late', records[5].profile, records[5].meta);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** An index rebuilt from the live records (store order differs from insertion order: ordinals differ). */
  function rebuilt(): DnaIndex {
    const index = new DnaIndex({ registry, tables });
    const live = records.filter((_, i) => i % 11 !== 0);
    for (const r of [...live].reverse()) index.add(r.id, r.profile, r.meta);
    index.add('rec-late', records[5].profile, records[5].meta);
    return index;
  }

  function expectSameAnswers(a: DnaIndex, b: DnaIndex, c: DnaIndex): number {
    let hits = 0;
    for (let q = 0; q < 10; q++) {
      const base = records[(q * 241 + 3) % N].profile;
      const query = q % 2 === 0 ? base : partial(base, random);
      for (const stringency of STRINGENCIES) {
        for (const o of [
          { stringency, viewerAgency: AGENCIES[q % 3], minComparedLoci: 6 },
          { stringency, viewerAgency: AGENCIES[(q + 1) % 3], maxMismatches: 1, maxCandidates: 5 },
        ]) {
          const want = clean(a.search(query, o));
          expect(clean(b.search(query, o))).toEqual(want);
          expect(clean(c.search(query, o))).toEqual(want);
          hits += want.totalHits;
        }
      }
      if (base.kind !== 'forensic-mixture') {
        const k = { relationship: 'parent-child' as const, viewerAgency: AGENCIES[q % 3], minKinshipIndex: 1 };
        const want = clean(a.kinshipSearch(base, k));
        expect(clean(b.kinshipSearch(base, k))).toEqual(want);
        expect(clean(c.kinshipSearch(base, k))).toEqual(want);
      }
    }
    return hits;
  }

  for (const sealed of [false, true]) {
    it(`round trip${sealed ? ' sealed under the key' : ''}: the restored index answers as the original and as a rebuilt one`, () => {
      const path = join(dir, `round-trip-${sealed}.snapshot`);
      writeDnaIndexSnapshot(original, registry, path, STAMP, sealed ? key : undefined);
      const restored = new DnaIndex({ registry, tables });
      const header = readDnaIndexSnapshot(path, restored, registry, sealed ? key : undefined);
      expect(header.store).toEqual(STAMP);
      restored.warm();
      expect(restored.size).toBe(original.size);
      original.warm();
      // Bytes differ with capacity (grown in steps vs reserved at once); everything else is equal.
      expect({ ...restored.stats(), approximateBytes: 0 }).toEqual({ ...original.stats(), approximateBytes: 0 });
      for (const r of records) expect(clean(restored.getLoci(r.id) ?? null)).toEqual(clean(original.getLoci(r.id) ?? null));
      const hits = expectSameAnswers(original, restored, rebuilt());
      expect(hits).toBeGreaterThan(20);
      // It keeps working as an index: the next add reuses the ordinal the original would.
      restored.add('rec-after', records[7].profile, records[7].meta);
      original.add('rec-after', records[7].profile, records[7].meta);
      expect(clean(restored.search(records[7].profile, { stringency: 'high', viewerAgency: 'AG2' }))).toEqual(clean(original.search(records[7].profile, { stringency: 'high', viewerAgency: 'AG2' })));
      original.remove('rec-after');
    });
  }

  it('restores an index with more freed ordinals than a function call takes arguments', () => {
    const index = new DnaIndex({ registry, tables });
    const p = records[1].profile;
    const n = 300_000;
    for (let i = 0; i < n; i++) index.add(`many-${i}`, p, { kind: 'offender', ownerAgency: 'AG1' });
    for (let i = 0; i < n - 10; i++) index.remove(`many-${i}`);
    const path = join(dir, 'many-free.snapshot');
    writeDnaIndexSnapshot(index, registry, path, STAMP);
    const restored = new DnaIndex({ registry, tables });
    readDnaIndexSnapshot(path, restored, registry);
    expect(restored.size).toBe(10);
    // Both reuse the same freed ordinals in the same order: identical after further adds.
    for (let i = 0; i < 5; i++) {
      index.add(`again-${i}`, records[2 + i].profile, records[2 + i].meta);
      restored.add(`again-${i}`, records[2 + i].profile, records[2 + i].meta);
    }
    const o = { stringency: 'moderate' as const, viewerAgency: 'AG1' };
    expect(clean(restored.search(p, o))).toEqual(clean(index.search(p, o)));
    expect(restored.search(p, o).totalHits).toBeGreaterThanOrEqual(10);
  }, 60_000);

  it('a sealed snapshot holds no record id, subject id or designation list in plaintext', () => {
    const path = join(dir, 'sealed.snapshot');
    writeDnaIndexSnapshot(original, registry, path, STAMP, key);
    const bytes = readFileSync(path);
    // Needles long enough that ciphertext cannot hold them by chance (a 3-byte one would, in ~1 MB).
    for (const needle of ['rec-1002', 'subject-1002', 'lab-3-', 'D3S1358', '"designations"']) {
      expect(bytes.includes(Buffer.from(needle, 'latin1'))).toBe(false);
      expect(bytes.includes(Buffer.from(needle, 'utf16le'))).toBe(false);
    }
    const plain = join(dir, 'plain.snapshot');
    writeDnaIndexSnapshot(original, registry, plain, STAMP);
    expect(readFileSync(plain).includes(Buffer.from('rec-1002'))).toBe(true); // the check above can fail
  });

  function refusedReason(fn: () => unknown): string {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(SnapshotRefused);
      return (e as SnapshotRefused).reason;
    }
    throw new Error('the snapshot was not refused');
  }

  for (const sealed of [false, true]) {
    it(`refuses a damaged or truncated snapshot${sealed ? ' (sealed)' : ''}`, () => {
      const k = sealed ? key : undefined;
      const path = join(dir, `damaged-${sealed}.snapshot`);
      writeDnaIndexSnapshot(original, registry, path, STAMP, k);
      const good = readFileSync(path);
      for (const at of [3, 20, Math.floor(good.length / 2), good.length - 5]) {
        const bad = Buffer.from(good);
        bad[at] ^= 0x40;
        writeFileSync(path, bad);
        const reason = refusedReason(() => readDnaIndexSnapshot(path, new DnaIndex({ registry, tables }), registry, k));
        expect(reason).not.toMatch(/rec-|subject-|AG\d/);
      }
      for (const cut of [good.length - 1, Math.floor(good.length / 3), 6]) {
        writeFileSync(path, good.subarray(0, cut));
        refusedReason(() => readDnaIndexSnapshot(path, new DnaIndex({ registry, tables }), registry, k));
      }
      writeFileSync(path, Buffer.concat([good, Buffer.from([0, 0, 0, 0])]));
      refusedReason(() => readDnaIndexSnapshot(path, new DnaIndex({ registry, tables }), registry, k));
      expect(refusedReason(() => readDnaIndexSnapshotHeader(join(dir, 'absent.snapshot'), registry, k))).toBe('no snapshot');
    });
  }

  it('refuses a sealed snapshot opened under another key, and a plain one where a sealed one is expected', () => {
    const path = join(dir, 'key.snapshot');
    writeDnaIndexSnapshot(original, registry, path, STAMP, key);
    const other = EncryptionKey.fromBytes(new Uint8Array(32).fill(9));
    expect(refusedReason(() => readDnaIndexSnapshotHeader(path, registry, other))).toMatch(/authentication/);
    writeDnaIndexSnapshot(original, registry, path, STAMP);
    refusedReason(() => readDnaIndexSnapshotHeader(path, registry, key));
  });

  it('refuses another format version and another locus registry', () => {
    const path = join(dir, 'version.snapshot');
    writeDnaIndexSnapshot(original, registry, path, STAMP);
    // Rewrite the (plain) header section with version 2 and a valid digest.
    const file = readFileSync(path);
    const len = file.readUInt32LE(8);
    const plain = file.subarray(12, 12 + len - 32);
    const header = JSON.parse(plain.toString('utf8')) as { version: number };
    header.version = 2;
    const body = Buffer.from(JSON.stringify(header));
    const digest = createHash('sha256').update('dna-index.snapshot/header').update(body).digest();
    const frame = Buffer.alloc(4);
    frame.writeUInt32LE(body.length + 32);
    writeFileSync(path, Buffer.concat([file.subarray(0, 8), frame, body, digest, file.subarray(12 + len)]));
    expect(refusedReason(() => readDnaIndexSnapshotHeader(path, registry))).toMatch(/version 2/);

    writeDnaIndexSnapshot(original, registry, path, STAMP);
    const custom = LocusRegistry.create([{ name: 'MYLOCUS1', repeatUnit: 4 }]);
    expect(refusedReason(() => readDnaIndexSnapshotHeader(path, custom))).toMatch(/locus registry/);
  });
});

describe('DnaIndex.addStored', () => {
  it('indexes exactly what add(fromStoredProfile) does, and fails with the same errors', () => {
    const synth = new SyntheticProfiles(registry, POPULATIONS, 31);
    const random = rng(32);
    const fast = new DnaIndex({ registry, tables });
    const slow = new DnaIndex({ registry, tables });
    const stored: StoredDnaProfile[] = [];
    for (let i = 0; i < 600; i++) {
      const kind = KINDS[i % KINDS.length];
      let p = synth.next(kind === 'forensic-mixture' ? 'offender' : kind);
      if (kind === 'forensic-mixture') p = mixture(p, synth.next('offender'));
      else if (i % 4 === 1) p = partial(p, random);
      stored.push(toStoredProfile({ ...p, kind }));
    }
    // Forms the store never writes but a hand-edited or older record might hold.
    const odd: unknown[] = [
      { loci: { D3S1358: ['15', '15'], vWA: ['*', '*'], TH01: ['9.3', '*'], FGA: [' 22 ', '24'] }, kind: 'offender' },
      { loci: { d3s1358: ['15', '16'], TH01: ['6'] }, kind: 'offender' },
      { loci: { D3S1358: ['15', '16'], D3: ['14'] }, kind: 'offender' },
      { loci: { D3S1358: ['15', 'x'] }, kind: 'offender' },
      { loci: { D3S1358: ['15', 16] }, kind: 'offender' },
      { loci: { AMEL: ['X', 'Q'] }, kind: 'offender' },
      { loci: { AMEL: ['x', 'Y'], TH01: [] }, kind: 'offender' },
      { loci: { NOSUCHLOCUS: ['1'] }, kind: 'offender' },
      { loci: { TH01: ['6', '7'] }, kind: 'relative-of-missing' },
      { loci: { TH01: ['6', '7'] }, kind: 'relative-of-missing', relationship: 'parent-child' },
      { loci: { TH01: ['6', '7'] }, kind: 'offender', relationship: 'cousin' },
      { loci: { TH01: ['6', '7', '8', '9'] }, kind: 'offender' },
      { loci: 'TH01', kind: 'offender' },
      { loci: { TH01: '6' }, kind: 'offender' },
      { loci: { TH01: ['6'] }, kind: 'no-such-kind' },
    ];
    const outcome = (index: DnaIndex, id: string, s: StoredDnaProfile, meta: DnaRecordMeta, useFast: boolean): string => {
      try {
        if (useFast) index.addStored(id, s, meta);
        else index.add(id, fromStoredProfile(s, registry), meta);
        return 'ok';
      } catch (e) {
        return e instanceof EngineError ? `${e.code} ${e.field ?? ''} ${e.message}` : `not an EngineError: ${String(e)}`;
      }
    };
    const all = [...stored, ...(odd as StoredDnaProfile[])];
    let failures = 0;
    all.forEach((s, i) => {
      const meta: DnaRecordMeta = { kind: (typeof s?.kind === 'string' ? s.kind : 'offender') as ProfileKind, ownerAgency: AGENCIES[i % 3], visibleToAll: i % 5 === 0, subjectId: `s${i}` };
      const a = outcome(fast, `r${i}`, s, meta, true);
      expect(a).toBe(outcome(slow, `r${i}`, s, meta, false));
      if (a !== 'ok') failures++;
      expect(clean(fast.getLoci(`r${i}`) ?? null)).toEqual(clean(slow.getLoci(`r${i}`) ?? null));
    });
    expect(failures).toBeGreaterThanOrEqual(8);
    expect(fast.stats()).toEqual(slow.stats());
    for (let q = 0; q < 20; q++) {
      const query = fromStoredProfile(stored[q * 29], registry);
      for (const stringency of STRINGENCIES) {
        const o = { stringency, viewerAgency: AGENCIES[q % 3], minComparedLoci: 6 };
        expect(clean(fast.search(query, o))).toEqual(clean(slow.search(query, o)));
      }
    }
  });
});
