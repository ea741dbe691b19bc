/**
 * Encryption at rest, end to end: a server started with --encryption-key-file stores a planted
 * canary (in ids, a text field, template minutiae and DNA alleles) so that no file under the data
 * directory holds it in any form checked here, and keeps its candidate index only sealed; the same
 * run without a key finds every form (so the scan can fail). Start-up refuses a wrong key, a missing key and a key for a plain store, before
 * anything is read or written; a restart with the right key reads every record back, and writes
 * acknowledged before a kill -9 are there after it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startTestService, spawnServer, waitServing } from '../service/test-harness.js';
import { call, connect } from '../service/client.js';
import type { FingerprintRecord__Output } from '../service/generated/biomatch/v1/FingerprintRecord.js';
import type { DnaRecord__Output } from '../service/generated/biomatch/v1/DnaRecord.js';
import { startService } from '../service/app.js';
import { loadConfig } from '../service/config.js';
import { createLogger } from '../service/logger.js';
import { ErrorCode } from '../errors.js';
import { ENCRYPTED_STORE_FILE, ENCRYPTION_HEADER_FILE, PLAIN_STORE_FILE } from '../store/record-store.js';

const CANARY = 'CANARY-7c3e1a9f-ENCRYPT';
// Bytes appended to a real fingerprint image: the decoder ignores them, and the server never keeps images.
const IMAGE_CANARY = 'IMAGE-CANARY-0d94b2e6';
// Distinctive allele pairs: off any real ladder, so their encoding appears nowhere by chance.
const CANARY_LOCI: Record<string, string[]> = {
  D3S1358: ['41.3', '42.1'], vWA: ['43.2', '44.3'], FGA: ['45.1', '46.2'], D8S1179: ['37.3', '38.1'],
  D21S11: ['47.1', '48.2'], D18S51: ['39.2', '40.1'], D5S818: ['35.1', '36.3'], D13S317: ['33.3', '34.2'],
};
// Minutiae at distinctive places and angles; the stored template keeps them (direction in radians).
const CANARY_MINUTIAE = Array.from({ length: 24 }, (_, i) => ({
  x: 13 + 15 * i, y: 401 - 11 * i, angleDegrees: 7.123 + 13.457 * i, type: (i % 2 ? 'MINUTIA_TYPE_BIFURCATION' : 'MINUTIA_TYPE_RIDGE_ENDING') as 'MINUTIA_TYPE_BIFURCATION' | 'MINUTIA_TYPE_RIDGE_ENDING', quality: 61 + (i % 30),
}));

const dirs: string[] = [];
const tempDir = (prefix: string) => { const d = mkdtempSync(join(tmpdir(), prefix)); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function keyFile(dir: string, content = randomBytes(32).toString('hex') + '\n'): string {
  const path = join(dir, 'key');
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

/** The byte patterns a reader of the raw files could recognise the canary by. */
function canaryForms(storedDirections: number[]): { name: string; bytes: Buffer }[] {
  const forms: { name: string; bytes: Buffer }[] = [
    { name: 'image bytes', bytes: Buffer.from(IMAGE_CANARY) },
    { name: 'utf8', bytes: Buffer.from(CANARY, 'utf8') },
    { name: 'utf16le', bytes: Buffer.from(CANARY, 'utf16le') },
    { name: 'hex', bytes: Buffer.from(Buffer.from(CANARY).toString('hex')) },
    { name: 'HEX', bytes: Buffer.from(Buffer.from(CANARY).toString('hex').toUpperCase()) },
  ];
  // base64 at each of the three alignments, without the edge characters that depend on neighbours.
  for (let pad = 0; pad < 3; pad++) {
    const b64 = Buffer.from('\u0000'.repeat(pad) + CANARY).toString('base64');
    forms.push({ name: `base64+${pad}`, bytes: Buffer.from(b64.slice(4, -4)) });
  }
  // msgpack: each allele pair as a two-string array (0x92, then fixstr 0xa4 + 4 characters each).
  for (const [locus, [a, b]] of Object.entries(CANARY_LOCI)) {
    forms.push({ name: `msgpack alleles ${locus}`, bytes: Buffer.concat([Buffer.from([0x92, 0xa4]), Buffer.from(a), Buffer.from([0xa4]), Buffer.from(b)]) });
  }
  // msgpack float64 (0xcb, big-endian) of the stored minutia directions.
  for (const [i, d] of storedDirections.entries()) {
    const f = Buffer.alloc(9); f[0] = 0xcb; f.writeDoubleBE(d, 1);
    forms.push({ name: `msgpack direction ${i}`, bytes: f });
  }
  return forms;
}

function scan(dir: string, forms: { name: string; bytes: Buffer }[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of filesUnder(dir)) {
    const raw = readFileSync(file);
    for (const f of forms) if (raw.includes(f.bytes)) found.set(f.name, [...(found.get(f.name) ?? []), file.slice(dir.length + 1)]);
  }
  return found;
}

/** Starts a server, enrols the canaries and other records, stops it gracefully; the records as stored. */
async function plantCanaries(dataDir: string, encryptionKeyFile: string) {
  const t = await startTestService({ dataDir, encryptionKeyFile });
  const c = t.client('AG-CANARY');
  const fp = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, {
    subjectId: `${CANARY}-subject`, externalId: `${CANARY}-fp`, fingerPosition: 3,
    sample: { template: { template: { width: 420, height: 520, resolutionPpi: 500, quality: 77, minutiae: CANARY_MINUTIAE } } },
  }, c.metadata(), 60_000);
  // More fingers, so the candidate index has a graph to save.
  for (let k = 0; k < 5; k++) {
    await call(c.fingerprint.enroll, c.fingerprint, {
      subjectId: `S-${k}`, fingerPosition: 1,
      sample: { template: { template: { width: 400, height: 500, resolutionPpi: 500, minutiae: CANARY_MINUTIAE.map((m, i) => ({ ...m, x: m.x + k * 3 + i % 4, y: m.y + k })) } } },
    }, c.metadata(), 60_000);
  }
  // A real impression carrying the image canary: its extracted minutiae are what is stored.
  const imageData = Buffer.concat([readFileSync(new URL('../../fixtures/fingerprints/101_1.tif', import.meta.url)), Buffer.from(IMAGE_CANARY)]);
  const fromImage = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, {
    subjectId: `${CANARY}-image-subject`, fingerPosition: 2, sample: { image: { data: imageData, ppi: 500 } },
  }, c.metadata(), 60_000);
  const dna = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, {
    subjectId: `${CANARY}-dna-subject`, externalId: `${CANARY}-dna`,
    profile: { loci: Object.fromEntries(Object.entries(CANARY_LOCI).map(([l, a]) => [l, { alleles: a }])), caseReference: `${CANARY}-case` },
  }, c.metadata());
  const storedFp = t.service.deps.store.get<{ template: { minutiae: { direction: number }[] } }>(fp.meta!.id)!;
  const storedDna = t.service.deps.store.get(dna.meta!.id)!;
  const storedImage = t.service.deps.store.get<{ template: { minutiae: { direction: number }[] } }>(fromImage.meta!.id)!;
  await t.stop();
  const directions = [...storedFp.payload.template.minutiae, ...storedImage.payload.template.minutiae].map((m) => m.direction).filter((d) => !Number.isInteger(d));
  return { fpId: fp.meta!.id, dnaId: dna.meta!.id, storedFp, storedDna, directions };
}

async function startError(dataDir: string, encryptionKeyFile: string): Promise<{ code: unknown; message: string }> {
  const config = { ...loadConfig([], {}), port: 0, poolSize: 1, drainSeconds: 1, dataDir, encryptionKeyFile };
  const s = await startService(config, { log: createLogger('error', () => undefined) }).then(async (running) => { await running.shutdown('unexpected'); return undefined; }, (e: { code: unknown; message: string }) => e);
  expect(s, 'the service started').toBeDefined();
  return s!;
}

describe('encryption at rest', () => {
  const encryptedDir = tempDir('bm-enc-');
  const plainDir = tempDir('bm-plain-');
  const key = keyFile(tempDir('bm-key-'));
  let planted: Awaited<ReturnType<typeof plantCanaries>>;

  it('with a key, no file under the data directory holds the canary in any checked form', async () => {
    planted = await plantCanaries(encryptedDir, key);
    const forms = canaryForms(planted.directions);
    expect(planted.directions.length).toBeGreaterThan(10);
    const files = filesUnder(encryptedDir).map((f) => f.slice(encryptedDir.length + 1)).sort();
    expect(files).toContain(ENCRYPTED_STORE_FILE);
    expect(files).toContain(ENCRYPTION_HEADER_FILE);
    expect(files).not.toContain(PLAIN_STORE_FILE);
    expect(Object.fromEntries(scan(encryptedDir, forms))).toEqual({});
  }, 120_000);

  it('without a key the same scan finds every form (the scan can fail)', async () => {
    const { directions } = await plantCanaries(plainDir, '');
    const forms = canaryForms(directions);
    const found = scan(plainDir, forms);
    // Every stored form is found (text, alleles, minutiae of the planted template and of the image);
    // the encodings nothing here writes (utf16, hex, base64) are checked above only as a precaution.
    const mustFind = forms.filter((f) => !/^(base64|utf16|hex|HEX|image bytes)/.test(f.name));
    expect(mustFind.filter((f) => !found.has(f.name)).map((f) => f.name)).toEqual([]);
    // Images are never kept, encrypted or not: only the template extracted from them.
    expect(found.has('image bytes')).toBe(false);
    expect(found.get('utf8')).toContain(PLAIN_STORE_FILE);
    // Both keep the candidate index: plain here, only sealed in the encrypted directory.
    expect(filesUnder(plainDir).some((f) => f.endsWith('fingerprint.hnsw'))).toBe(true);
    expect(filesUnder(encryptedDir).filter((f) => f.includes('.hnsw')).map((f) => f.slice(encryptedDir.length + 1)).sort())
      .toEqual(['fingerprint.hnsw.ids.json.sealed', 'fingerprint.hnsw.meta.json.sealed', 'fingerprint.hnsw.sealed']);
  }, 120_000);

  it('a restart with the right key reads every record back intact', async () => {
    const t = await startTestService({ dataDir: encryptedDir, encryptionKeyFile: key });
    try {
      const store = t.service.deps.store;
      expect(store.encrypted).toBe(true);
      expect(store.get(planted.fpId)).toEqual(planted.storedFp);
      expect(store.get(planted.dnaId)).toEqual(planted.storedDna);
      expect(store.count('fingerprint')).toBe(7);
      expect(store.count('dna-profile')).toBe(1);
      expect(store.findByExternalId('fingerprint', 'AG-CANARY', `${CANARY}-fp`)?.id).toBe(planted.fpId);
      expect(store.auditTrail().length).toBe(8);
      // The sealed index was loaded, not rebuilt, and finds the canary finger again, over gRPC.
      const messages = t.logs.map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(messages).not.toContain('saved fingerprint index refused; rebuilding it from the store');
      expect(messages).not.toContain('fingerprint index reconciled with the store');
      const c = t.client('AG-CANARY');
      const got = await call<object, FingerprintRecord__Output>(c.fingerprint.get, c.fingerprint, { recordId: planted.fpId }, c.metadata());
      expect(got.meta?.subjectId).toBe(`${CANARY}-subject`);
      const hits = await call<object, { candidates: { recordId: string }[] }>(c.fingerprint.identify, c.fingerprint, {
        probe: { template: { template: { width: 420, height: 520, resolutionPpi: 500, minutiae: CANARY_MINUTIAE } } }, maxCandidates: 3,
      }, c.metadata(), 60_000);
      expect(hits.candidates[0]?.recordId).toBe(planted.fpId);
    } finally {
      await t.stop();
    }
  }, 120_000);

  it('a wrong key is refused at start, naming the problem, and nothing is written', async () => {
    const before = filesUnder(encryptedDir).map((f) => [f, statSync(f).mtimeMs]);
    const e = await startError(encryptedDir, keyFile(tempDir('bm-key-')));
    expect(e.code).toBe(ErrorCode.FailedPrecondition);
    expect(e.message).toMatch(/encryption key is not the one the store in .* was encrypted with/);
    expect(filesUnder(encryptedDir).map((f) => [f, statSync(f).mtimeMs])).toEqual(before);
  }, 60_000);

  it('an encrypted store started without a key is refused', async () => {
    const e = await startError(encryptedDir, '');
    expect(e.code).toBe(ErrorCode.FailedPrecondition);
    expect(e.message).toMatch(/holds an encrypted store: start with --encryption-key-file/);
  }, 60_000);

  it('a key given for an unencrypted store is refused (no in-place migration)', async () => {
    const e = await startError(plainDir, key);
    expect(e.code).toBe(ErrorCode.FailedPrecondition);
    expect(e.message).toMatch(/holds an unencrypted store .* cannot be encrypted in place/);
    expect(filesUnder(plainDir).some((f) => f.endsWith(ENCRYPTION_HEADER_FILE) || f.endsWith(ENCRYPTED_STORE_FILE))).toBe(false);
  }, 60_000);

  it('a lost header is refused rather than guessed', async () => {
    const copy = tempDir('bm-enc-copy-');
    writeFileSync(join(copy, ENCRYPTED_STORE_FILE), readFileSync(join(encryptedDir, ENCRYPTED_STORE_FILE)));
    const e = await startError(copy, key);
    expect(e.message).toMatch(/encryption\.json is missing, so the key cannot be checked/);
  }, 60_000);

  it('the server process exits non-zero with the reason on a wrong key, and with 2 on a malformed key file', async () => {
    const wrong = keyFile(tempDir('bm-key-'));
    const failed = await spawnServer(['--port', '0', '--data-dir', encryptedDir, '--encryption-key-file', wrong, '--pool-size', '1']).then(() => 'started', (e: Error) => e.message);
    expect(failed).toMatch(/server exited with 1/);
    expect(failed).toMatch(/cannot start.*encryption key is not the one/);
    const short = keyFile(tempDir('bm-key-'), 'abcd\n');
    const loose = keyFile(tempDir('bm-key-'));
    chmodSync(loose, 0o644);
    const bad = await spawnServer(['--data-dir', encryptedDir, '--encryption-key-file', short]).then(() => 'started', (e: Error) => e.message);
    expect(bad).toMatch(/server exited with 2/);
    expect(bad).toMatch(/--encryption-key-file=".*": holds no 256-bit key/);
    const open = await spawnServer(['--data-dir', encryptedDir, '--encryption-key-file', loose]).then(() => 'started', (e: Error) => e.message);
    expect(open).toMatch(/server exited with 2/);
    expect(open).toMatch(/readable or writable by group or others \(mode 0644\); chmod 600 it/);
  }, 120_000);

  it('acknowledged writes to an encrypted store survive kill -9', async () => {
    const dataDir = tempDir('bm-enc-kill-');
    const server = await spawnServer(['--port', '0', '--data-dir', dataDir, '--encryption-key-file', key, '--pool-size', '1']);
    const address = `127.0.0.1:${server.port}`;
    await waitServing(address);
    const c = connect(address, 'AG-KILL');
    const acked = new Map<string, number>();
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; acked.size < 120; i += 8) {
        const rec = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, {
          externalId: `KILL-${i}`, profile: { loci: Object.fromEntries(Object.entries(CANARY_LOCI).map(([l, [a]], k) => [l, { alleles: [a, String(10 + ((i + k) % 20))] }])) },
        }, c.metadata()).catch(() => undefined);
        if (!rec) return;
        acked.set(rec.meta!.id, i);
      }
    });
    while (acked.size < 80) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGKILL');
    await Promise.all(writers);
    await server.exited;
    c.close();
    const t = await startTestService({ dataDir, encryptionKeyFile: key });
    try {
      for (const [id, i] of acked) expect(t.service.deps.store.get(id)?.externalId).toBe(`KILL-${i}`);
    } finally {
      await t.stop();
    }
  }, 120_000);
});
