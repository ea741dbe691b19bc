/**
 * FingerprintGallery.visibleCount (GetStats for an agency that is not admin) agrees with the one
 * access rule counted record by record, through re-enrolment with a new visibility and deletion.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { galleryTemplate } from '../../../fixtures/gallery/background-gallery.js';
import { maySee } from '../../security/access.js';
import { RecordStore } from '../../store/record-store.js';
import type { StoredRecord, Visibility } from '../../store/record.js';
import { ExactCandidateIndex } from './exact-candidate-index.js';
import { fingerVectorDimension } from './finger-vector.js';
import { FingerprintGallery, inThreadExecutor, inThreadIndex, type FingerprintPayload } from './fingerprint-gallery.js';

describe('FingerprintGallery.visibleCount', () => {
  it('counts what each agency may see, as maySee does record by record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bm-visible-'));
    const store = RecordStore.open(dir);
    try {
      const gallery = new FingerprintGallery({ index: inThreadIndex(new ExactCandidateIndex(fingerVectorDimension())), executor: inThreadExecutor });
      await gallery.load(store);
      const live = new Map<string, StoredRecord<FingerprintPayload>>();
      const put = (i: number, owner: string, visibility: Visibility) => {
        const id = `fingerprint_00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        const r = { id, kind: 'fingerprint', subjectId: `S-${i}`, ownerAgency: owner, visibility, createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
          payload: { fingerPosition: 1, template: galleryTemplate(5, i % 7) } } as StoredRecord<FingerprintPayload>;
        gallery.enroll(r);
        live.set(id, r);
      };
      const owners = ['AG1', 'AG2', 'AG3'];
      for (let i = 0; i < 60; i++) put(i, owners[i % 3], { agencies: i % 5 === 0 ? ['AG2'] : [], allAgencies: i % 11 === 0 });
      put(3, 'AG1', { agencies: ['AG3'], allAgencies: false });   // re-enrolled: the old form's visibility no longer counts
      for (const i of [6, 7, 8]) { const id = `fingerprint_00000000-0000-4000-8000-${String(i).padStart(12, '0')}`; gallery.delete(id); live.delete(id); }
      for (const agency of ['AG1', 'AG2', 'AG3', 'AG4', '', '*']) {
        expect(gallery.visibleCount(agency)).toBe([...live.values()].filter((r) => maySee(agency, r)).length);
      }
      expect(gallery.visibleCount('AG4')).toBeGreaterThan(0);   // the all-agencies records
      expect(gallery.visibleCount('')).toBe(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
