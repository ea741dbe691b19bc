/** Every SecuGen ISO/IEC 19794-2:2005 template of the FVC2002 "B" sets decodes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../../fixtures/shared-data.js';
import { decodeIso19794_2Single, encodeIso19794_2Record } from './iso-19794-2.js';
import { decodeTemplateRecord, detectTemplateFormat } from './template-format.js';

const DIR = ['fingerprints', 'templates', 'secugen-iso19794-2'];

describe.skipIf(missingSharedData(...DIR))('SecuGen ISO 19794-2:2005 templates of FVC2002', () => {
  it('all decode, as 300x400 at 500 ppi, and re-encode byte for byte', () => {
    const root = sharedDataPath(...DIR);
    let files = 0;
    let minutiae = 0;
    const perSet: string[] = [];
    for (const set of readdirSync(root).sort()) {
      let setFiles = 0;
      let setMinutiae = 0;
      for (const f of readdirSync(join(root, set)).filter((n) => n.endsWith('.iso'))) {
        const bytes = new Uint8Array(readFileSync(join(root, set, f)));
        expect(detectTemplateFormat(bytes), `${set}/${f}`).toBe('iso-19794-2:2005');
        const record = decodeTemplateRecord(bytes);
        expect(record.views.length).toBe(1);
        // Field-level round trip: the record re-encodes byte for byte.
        expect(Buffer.from(encodeIso19794_2Record(record)).equals(Buffer.from(bytes))).toBe(true);
        const t = decodeIso19794_2Single(bytes);
        expect([t.width, t.height, t.resolutionPpi]).toEqual([300, 400, 500]);
        for (const m of t.minutiae) {
          expect(m.direction).toBeGreaterThanOrEqual(0);
          expect(m.direction).toBeLessThan(2 * Math.PI);
        }
        setFiles++;
        setMinutiae += t.minutiae.length;
      }
      perSet.push(`${set}: ${setFiles} templates, mean ${(setMinutiae / setFiles).toFixed(1)} minutiae`);
      files += setFiles;
      minutiae += setMinutiae;
    }
    console.log(`SecuGen ISO templates decoded: ${files}\n  ${perSet.join('\n  ')}`);
    expect(files).toBeGreaterThan(300);
    expect(minutiae).toBeGreaterThan(0);
  });
});
