import { describe, expect, it } from 'vitest';
import { loadSecugenFvc2002, SECUGEN_DIR } from '../../../fixtures/gallery/fvc-secugen-templates.js';
import { galleryTemplate } from '../../../fixtures/gallery/background-gallery.js';
import { missingSharedData } from '../../../fixtures/shared-data.js';
import { ExactCandidateIndex } from './exact-candidate-index.js';
import { fingerVectorDimension } from './finger-vector.js';
import { FingerprintIdentifier } from './fingerprint-identifier.js';
import type { FingerprintTemplate } from '../template.js';
import { matcherReRanker, preparingLookup } from './matcher-re-ranker.js';

describe.skipIf(missingSharedData(...SECUGEN_DIR))('identifier with the real MCC matcher', async () => {
  const real = await loadSecugenFvc2002();
  it('finds an FVC mate among generated background, with pairs and alignment', () => {
    const gallery = new Map<string, FingerprintTemplate>();
    for (let i = 0; i < 200; i++) gallery.set(`bg:${i}`, galleryTemplate(21, i));
    const mate = real.find((r) => r.key === 'db1/101_1')!;
    gallery.set('mate', mate.template);
    const identifier = new FingerprintIdentifier(new ExactCandidateIndex(fingerVectorDimension()), matcherReRanker(preparingLookup((id) => gallery.get(id))));
    for (const [id, t] of gallery) identifier.enroll(id, t);
    const probe = real.find((r) => r.key === 'db1/101_2')!.template;
    const r = identifier.identify(probe, { maxCandidates: 5, shortlistLength: 50 });
    expect(r.candidates[0].id).toBe('mate');
    expect(r.candidates[0].score).toBeGreaterThan(r.candidates[1].score);
    expect(r.candidates[0].pairs.length).toBeGreaterThan(3);
    expect(r.candidates[0].alignment).toBeDefined();
  });
});
