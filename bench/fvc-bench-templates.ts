/**
 * The 320 FVC2002 "B" images' templates from this checkout's extractor, with their block
 * orientation fields, cached as JSON (extraction takes a minute; the cache makes runs of the
 * matcher benches compare the same templates). Used by match-ab.bench.ts and match-identity.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataPath } from '../fixtures/shared-data.js';
import { loadImageTemplates } from '../scripts/eval/image-templates.js';
import { decodeIso19794_2Single } from '../engine/fingerprint/templates/iso-19794-2.js';

type Plain = { orientations?: { angles: number[] | Uint8Array } } & Record<string, unknown>;

/** The four sets' templates (80 each, file order), extracted into `cache` if it is absent; `hash` is the cache's SHA-256. */
export async function loadFvcBenchTemplates(cache: string): Promise<{ sets: Plain[][]; hash: string }> {
  if (!existsSync(cache)) {
    const ppi: Record<string, number> = { db1_b: 500, db2_b: 569, db3_b: 500, db4_b: 500 };
    const out: Plain[][] = [];
    for (const set of Object.keys(ppi)) {
      const dir = sharedDataPath('fingerprints', 'fvc2002', set);
      const files = readdirSync(dir).filter((f) => /^\d+_\d+\.tif$/.test(f)).sort();
      const { templates } = await loadImageTemplates(files.map((f) => join(dir, f)), ppi[set]);
      out.push(templates.map((t) => ({ ...t, orientations: t.orientations ? { ...t.orientations, angles: Array.from(t.orientations.angles) } : undefined })));
    }
    writeFileSync(cache, JSON.stringify(out));
  }
  const text = readFileSync(cache, 'utf8');
  const sets = (JSON.parse(text) as Plain[][]).map((ts) => ts.map((t) => (t.orientations ? { ...t, orientations: { ...t.orientations, angles: Uint8Array.from(t.orientations.angles) } } : t)));
  return { sets, hash: createHash('sha256').update(text).digest('hex') };
}

/**
 * The four sets' SecuGen ISO 19794-2 templates of the same images (80 each, file order), decoded
 * (no cache: decoding takes milliseconds); `hash` is the SHA-256 of their bytes. Every minutia of
 * such a template carries quality 0: the matcher's one-quality case.
 */
export function loadFvcIsoBenchTemplates(): { sets: Plain[][]; hash: string } {
  const h = createHash('sha256');
  const sets = ['db1_b', 'db2_b', 'db3_b', 'db4_b'].map((set) => {
    const dir = sharedDataPath('fingerprints', 'templates', 'secugen-iso19794-2', `fvc2002_${set}`);
    return readdirSync(dir).filter((f) => /^\d+_\d+\.iso$/.test(f)).sort().map((f) => {
      const bytes = readFileSync(join(dir, f));
      h.update(bytes);
      return decodeIso19794_2Single(new Uint8Array(bytes)) as unknown as Plain;
    });
  });
  return { sets, hash: h.digest('hex') };
}
