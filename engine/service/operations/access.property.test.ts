/**
 * One access rule (engine/security/access.ts) for every operation and every record kind: random
 * records (owners, listed agencies, visible-to-all) and random callers (real agencies, none, and
 * malformed ones), and each of get, verify, identify (index and exhaustive), DNA search, kinship
 * search and delete must agree with `maySee` / `mayChange`. An invisible record is NOT_FOUND
 * everywhere; a visible record of another owner cannot be deleted (PERMISSION_DENIED).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyntheticProfiles } from '../../../fixtures/dna/synthetic-profiles.js';
import { galleryTemplate } from '../../../fixtures/gallery/background-gallery.js';
import { ErrorCode, toEngineError } from '../../errors.js';
import { mayChange, maySee } from '../../security/access.js';
import type { Visibility } from '../../store/record.js';
import { startTestService, type TestService } from '../test-harness.js';
import type { Caller } from './operation.js';

let t: TestService;
let profiles: SyntheticProfiles;
beforeAll(async () => {
  t = await startTestService();
  const { catalog } = t.service.deps;
  profiles = new SyntheticProfiles(catalog.registry, [catalog.tables.resolve()], 9);
});
afterAll(async () => { await t?.stop(); });

const OWNERS = ['AG1', 'AG2', 'AG3'];
const CALLERS = ['AG1', 'AG2', 'AG3', 'AG4', '', '*', 'ALL ', ' AG1', 'ag1', 'AG1\n', 'X'.repeat(65)];
const never = new AbortController().signal;

const visibilityArb: fc.Arbitrary<Visibility> = fc.record({
  agencies: fc.subarray(['AG1', 'AG2', 'AG3', 'AG4']),
  allAgencies: fc.boolean(),
});
const recordArb = fc.record({ owner: fc.constantFrom(...OWNERS), visibility: visibilityArb });

/** The outcome code of an operation: 'OK' or the engine error code. */
async function outcome(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'OK';
  } catch (e) {
    return toEngineError(e).code;
  }
}

let nextSeed = 1;

describe('the one access rule, checked on every operation', () => {
  it('agrees with maySee / mayChange for random records, agencies and visibilities', async () => {
    const { operations } = t.service.deps;
    await fc.assert(fc.asyncProperty(fc.array(recordArb, { minLength: 1, maxLength: 3 }), fc.constantFrom(...CALLERS), async (specs, agency) => {
      const caller: Caller = { agency };
      // Each record is enrolled by its owner, then probed by the caller.
      const made = [];
      for (const spec of specs) {
        const owner: Caller = { agency: spec.owner };
        const template = galleryTemplate(31337, nextSeed++);
        const fp = await operations.fingerprint.enroll(owner, {
          sample: { source: 'template', template }, subjectId: 'S', ownerAgency: '', visibility: spec.visibility, fingerPosition: 1,
        }, never);
        const profile = profiles.next();
        const dna = await operations.dna.enroll(owner, { profile, subjectId: 'S', ownerAgency: '', visibility: spec.visibility, externalId: '' });
        made.push({ spec, template, fp, profile, dna });
      }
      for (const m of made) {
        const access = { ownerAgency: m.spec.owner, visibility: m.spec.visibility };
        const sees = maySee(agency, access);
        const seen = sees ? 'OK' : ErrorCode.NotFound;
        expect(await outcome(() => operations.fingerprint.get(caller, { recordId: m.fp.id }))).toBe(seen);
        expect(await outcome(() => operations.dna.get(caller, { recordId: m.dna.id }))).toBe(seen);
        expect(await outcome(() => operations.fingerprint.verify(caller, {
          probe: { source: 'template', template: m.template }, reference: { recordId: m.fp.id }, threshold: 0,
        }, never))).toBe(seen);
        for (const exhaustive of [false, true]) {
          const list = await operations.fingerprint.identify(caller, {
            probe: { source: 'template', template: m.template }, maxCandidates: 5, minScore: 0, fingerPositions: [], exhaustive,
          }, never);
          expect(list.candidates.some((c) => c.recordId === m.fp.id)).toBe(sees);
          for (const c of list.candidates) expect(maySee(agency, { ownerAgency: c.ownerAgency, visibility: { agencies: [], allAgencies: true } })).toBe(true);
        }
        const search = await operations.dna.search(caller, { profile: m.profile, options: { stringency: 'high' } }, never);
        expect(search.candidates.some((c) => c.recordId === m.dna.id)).toBe(sees);
        const kin = await operations.dna.kinshipSearch(caller, { profile: m.profile, options: { relationship: 'parent-child' } }, never);
        expect(kin.candidates.some((c) => c.recordId === m.dna.id)).toBe(sees);
      }
      for (const m of made) {
        const access = { ownerAgency: m.spec.owner, visibility: m.spec.visibility };
        const expected = mayChange(agency, access) ? 'OK' : maySee(agency, access) ? ErrorCode.PermissionDenied : ErrorCode.NotFound;
        expect(await outcome(() => operations.fingerprint.delete(caller, { recordId: m.fp.id }))).toBe(expected);
        expect(await outcome(() => operations.dna.delete(caller, { recordId: m.dna.id }))).toBe(expected);
        // What was deleted is gone for its owner too; what was refused is still there.
        const after = await outcome(() => operations.fingerprint.get({ agency: m.spec.owner }, { recordId: m.fp.id }));
        expect(after).toBe(expected === 'OK' ? ErrorCode.NotFound : 'OK');
      }
    }), { numRuns: 40, seed: 20261201 });
  }, 120_000);
});
