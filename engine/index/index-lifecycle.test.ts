import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { galleryTemplate } from '../../fixtures/gallery/background-gallery.js';
import { fingerVector } from './finger-vector.js';
import { fingerprintIndexPath, openFingerprintIndex } from './index-lifecycle.js';

const dir = mkdtempSync(join(tmpdir(), 'biomatch-lifecycle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const records = Array.from({ length: 150 }, (_, i) => ({ id: `r${i}`, template: galleryTemplate(3, i) }));

describe('openFingerprintIndex beside a store', () => {
  const path = fingerprintIndexPath(dir);
  it('rebuilds when absent, then loads what it saved', () => {
    const first = openFingerprintIndex(path, { storeCount: records.length, records: () => records });
    expect(first.source).toBe('rebuilt');
    expect(first.reason).toBe('no saved index');
    const second = openFingerprintIndex(path, { storeCount: records.length, records: () => records });
    expect(second.source).toBe('loaded');
    expect(second.index.size).toBe(150);
    expect(second.index.search(fingerVector(records[20].template), 1)[0].id).toBe('r20');
  });

  it('rebuilds when the store disagrees or the file is corrupt, without throwing', () => {
    const fewer = openFingerprintIndex(path, { storeCount: 149, records: () => records.slice(0, 149) });
    expect(fewer.source).toBe('rebuilt');
    expect(fewer.reason).toMatch(/holds 150 records, the store 149/);
    const bytes = readFileSync(path);
    bytes[bytes.length - 10] ^= 0x55;
    writeFileSync(path, bytes);
    const repaired = openFingerprintIndex(path, { storeCount: 149, records: () => records.slice(0, 149) });
    expect(repaired.source).toBe('rebuilt');
    expect(repaired.reason).toMatch(/checksum mismatch/);
    expect(openFingerprintIndex(path, { storeCount: 149, records: () => [] }).source).toBe('loaded');
  });
});
