/**
 * `biomatch latent ...` against a real server, as a person runs it (a child process per command):
 * extract with a drawing, search from an image and from markup alone, file a mark, list, get,
 * search the unsolved file with a mark (LL) and with a tenprint finger (TL on demand),
 * hits from a tenprint enrolled afterwards (acknowledged with --ack), remove; and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startTestService, type TestService } from '../../engine/service/test-harness.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (n: string) => join(root, 'fixtures/fingerprints', n);
const tmp = mkdtempSync(join(tmpdir(), 'bm-latent-cli-'));
let t: TestService;
beforeAll(async () => { t = await startTestService(); }, 120_000);
afterAll(async () => { await t?.stop(); rmSync(tmp, { recursive: true, force: true }); });

async function biomatch(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/biomatch.ts'), '--server', t.address, '--agency', 'AG1', '--purpose', 'criminal-investigation', '--case', 'CLI-LATENT-1', ...args], { cwd: root });
    return { ...r, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}

describe('biomatch latent', () => {
  const features = join(tmp, 'features.json');
  let markId = '';

  it('extract writes the features (the --markup shape) and a drawing', async () => {
    const drawing = join(tmp, 'mark.png');
    const r = await biomatch('latent', 'extract', fixture('101_2.tif'), '--ppi', '500', '--out', features, '--draw', drawing);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+ minutiae, \d+ cores, \d+ deltas in \d+ ms → /);
    const f = JSON.parse(readFileSync(features, 'utf8')) as { minutiae: { type: string; quality: number }[] };
    expect(f.minutiae.length).toBeGreaterThan(10);
    expect(['ending', 'bifurcation', 'other']).toContain(f.minutiae[0].type);
    expect(readFileSync(drawing).subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 120_000);

  it('search: from the image, and from the markup alone, the mate ranks first', async () => {
    expect((await biomatch('fp', 'enroll', fixture('101_1.tif'), '--ppi', '500', '--subject', 'P-101', '--finger', '2')).code).toBe(0);
    expect((await biomatch('fp', 'enroll', fixture('102_1.tif'), '--ppi', '500', '--subject', 'P-102', '--finger', '2')).code).toBe(0);
    const img = await biomatch('--json', 'latent', 'search', fixture('101_2.tif'), '--ppi', '500');
    expect(img.code, img.stderr).toBe(0);
    expect((JSON.parse(img.stdout) as { candidates: { subjectId: string }[] }).candidates[0].subjectId).toBe('P-101');
    const markup = await biomatch('latent', 'search', '--markup', features, '--use-only-markup', '--max', '1');
    expect(markup.code, markup.stderr).toBe(0);
    expect(markup.stdout).toMatch(/^1\s+\S+\s+fp_\S+\s+P-101/m);
    expect(markup.stdout).toContain('1 of 2 hits');
  }, 120_000);

  it('bad input: the server names the field (markup and EFS); add needs a case reference', async () => {
    const bad = join(tmp, 'bad.json');
    const f = JSON.parse(readFileSync(features, 'utf8')) as { minutiae: { x: number }[] };
    f.minutiae[0].x = -5;
    writeFileSync(bad, JSON.stringify(f));
    const r = await biomatch('latent', 'search', '--markup', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('INVALID_ARGUMENT: mark.markup.minutiae[0].x: ');
    writeFileSync(bad, '{"minutiae": 3}');
    expect((await biomatch('latent', 'search', '--markup', bad)).stderr).toContain('minutiae must be an array');
    // --efs sends the transaction; the server reads its Type-9 EFS record and names mark.efs.
    writeFileSync(join(tmp, 'x.an2'), 'not a transaction');
    const efs = await biomatch('latent', 'search', '--efs', join(tmp, 'x.an2'));
    expect(efs.code).toBe(1);
    expect(efs.stderr).toContain('INVALID_ARGUMENT: mark.efs: ');
    const add = await biomatch('latent', 'add', fixture('101_2.tif'), '--ppi', '500');
    expect(add.code).not.toBe(0);
    expect(add.stderr).toContain('--case-reference');
  }, 120_000);

  it('add, list, get; a tenprint enrolled later raises a hit, listed and acknowledged; remove', async () => {
    const add = await biomatch('latent', 'add', fixture('101_2.tif'), '--ppi', '500', '--case-reference', 'BURGLARY-9', '--external-id', 'SCENE-1-MARK-3');
    expect(add.code, add.stderr).toBe(0);
    markId = /filed (lt_[0-9a-f-]+)/.exec(add.stdout)![1];
    const list = await biomatch('latent', 'list', '--case-reference', 'BURGLARY-9');
    expect(list.stdout).toContain(markId);
    expect(list.stdout).toContain('SCENE-1-MARK-3');
    const got = JSON.parse((await biomatch('latent', 'get', markId)).stdout) as { caseReference: string; reverseSearched: boolean };
    expect(got.caseReference).toBe('BURGLARY-9');
    expect(got.reverseSearched).toBe(true);
    expect(add.stdout).not.toContain('too few minutiae');
    // A mark of 5 minutiae (markup alone) is filed, and the examiner is told the automatic TL skips it.
    const small = join(tmp, 'small.json');
    const f = JSON.parse(readFileSync(features, 'utf8')) as { minutiae: unknown[] };
    writeFileSync(small, JSON.stringify({ ...f, minutiae: f.minutiae.slice(0, 5), useOnlyMarkup: true }));
    const few = await biomatch('latent', 'add', '--markup', small, '--case-reference', 'BURGLARY-9');
    expect(few.code, few.stderr).toBe(0);
    expect(few.stdout).toMatch(/filed lt_\S+ \(case BURGLARY-9, 5 minutiae; too few minutiae for the automatic TL/);
    await biomatch('latent', 'remove', /filed (lt_[0-9a-f-]+)/.exec(few.stdout)![1]);
    // LL: the same mark's features find the filed mark; TL on demand: the tenprint finger finds it too.
    const ll = await biomatch('latent', 'search-unsolved', '--markup', features);
    expect(ll.code, ll.stderr).toBe(0);
    expect(ll.stdout).toMatch(new RegExp(`^1\\s+\\S+\\s+${markId}\\s+BURGLARY-9\\s+AG1`, 'm'));
    const tl = await biomatch('--json', 'latent', 'search-unsolved', fixture('101_1.tif'), '--tenprint', '--ppi', '500', '--finger', '2');
    expect((JSON.parse(tl.stdout) as { candidates: { recordId: string }[] }).candidates[0].recordId).toBe(markId);

    expect((await biomatch('fp', 'enroll', fixture('101_1.tif'), '--ppi', '500', '--subject', 'ARRESTEE-1', '--finger', '2')).code).toBe(0);
    await t.service.deps.reverseSearch.idle();
    const hits = await biomatch('latent', 'hits');
    expect(hits.code, hits.stderr).toBe(0);
    const row = hits.stdout.split('\n').find((l) => l.includes('ARRESTEE-1'));
    expect(row).toContain(markId);
    expect(row).toContain('BURGLARY-9');
    const hitId = row!.split(/\s+/)[0];
    const ack = await biomatch('latent', 'hits', '--ack', hitId);
    expect(ack.stdout).toContain(`acknowledged ${hitId}`);
    expect((await biomatch('latent', 'hits')).stdout).not.toContain(hitId);
    expect((await biomatch('latent', 'hits', '--all')).stdout).toContain(hitId);

    expect((await biomatch('latent', 'remove', markId)).stdout).toContain(`removed ${markId}`);
    const gone = await biomatch('latent', 'get', markId);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('NOT_FOUND');
  }, 180_000);
});
