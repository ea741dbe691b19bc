/**
 * TLS and mutual TLS against a real server on 127.0.0.1:0, with certificates made at test time
 * (test-certificates.ts): the handshake refuses clients without a certificate, with one from an
 * unknown CA, or with an expired one; the agency comes from the certificate (subject O, or the
 * fingerprint map), so agency A cannot see B's restricted records; a header disagreeing with the
 * certificate is refused and the refusal audited; plain text on a non-loopback address without
 * --insecure does not start.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ConfigError, loadConfig, type ServiceConfig } from './config.js';
import { startService, type RunningService } from './app.js';
import { createLogger } from './logger.js';
import { call, connect, type BiomatchClients, type ClientTls } from './client.js';
import { AGENCY_HEADER, type AuditEvent } from './interceptors.js';
import { TEST_PURPOSE } from './test-harness.js';
import { certificateAuthority, writeTemp, type Issued } from './test-certificates.js';
import type { DnaRecord__Output } from './generated/biomatch/v1/DnaRecord.js';
import type { CandidateList__Output } from './generated/biomatch/v1/CandidateList.js';
import { main as cli } from '../../scripts/biomatch.js';
import { unreachableReason } from '../../scripts/cli/common.js';

type Loci = Record<string, string[]>;
const PROFILE: Loci = { D3S1358: ['14', '18'], vWA: ['15', '16'], FGA: ['19', '22'], D8S1179: ['10', '12'], D21S11: ['27', '28'], D18S51: ['12', '13'], D5S818: ['9', '13'], D13S317: ['8', '9'], D7S820: ['11', '12'], CSF1PO: ['8', '9'], TH01: ['7', '8'], TPOX: ['9', '10'] };
const msg = (loci: Loci) => ({ loci: Object.fromEntries(Object.entries(loci).map(([l, a]) => [l, { alleles: a }])) });

function grpcError(p: Promise<unknown>): Promise<grpc.ServiceError> {
  return p.then(() => { throw new Error('expected the call to fail'); }, (e: grpc.ServiceError) => e);
}

const DAY = 24 * 3600 * 1000;
const ca = certificateAuthority('biomatch test CA');
const stranger = certificateAuthority('some other CA');
const serverCert = ca.issue({ subject: { CN: 'localhost' }, usage: 'server' });
const agencyA = ca.issue({ subject: { C: 'FR', O: 'AGENCY-A', CN: 'terminal-1' }, usage: 'client' });
const agencyB = ca.issue({ subject: { O: 'AGENCY-B', CN: 'terminal-2' }, usage: 'client' });
const fromStranger = stranger.issue({ subject: { O: 'AGENCY-A', CN: 'terminal-1' }, usage: 'client' });
const expired = ca.issue({ subject: { O: 'AGENCY-A', CN: 'old' }, usage: 'client', notBefore: new Date(Date.now() - 20 * DAY), notAfter: new Date(Date.now() - DAY) });
const noAgency = ca.issue({ subject: { CN: 'nobody' }, usage: 'client' });
const wildcard = ca.issue({ subject: { O: '*', CN: 'everyone' }, usage: 'client' });
const files = writeTemp({
  'ca.crt': ca.cert, 'server.crt': serverCert.cert, 'server.key': serverCert.key,
  'a.crt': agencyA.cert, 'a.key': agencyA.key, 'stranger-ca.crt': stranger.cert,
});

const quiet = createLogger('error', () => undefined);
const started: { service: RunningService; dataDir: string }[] = [];
const opened: BiomatchClients[] = [];

async function serve(overrides: Partial<ServiceConfig>, audit?: AuditEvent[]): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bm-tls-data-'));
  const config: ServiceConfig = { ...loadConfig([], {}), port: 0, poolSize: 1, drainSeconds: 1, dataDir, tlsCert: files['server.crt'], tlsKey: files['server.key'], ...overrides };
  const service = await startService(config, { log: quiet, ...(audit ? { audit: { record: async (e) => { audit.push(e); } } } : {}) });
  started.push({ service, dataDir });
  await service.ready;
  return `127.0.0.1:${service.port}`;
}

function client(address: string, tls: ClientTls, agency = ''): BiomatchClients {
  // One attempt per call: a refused handshake is not worth retrying, and the test stays fast.
  const c = connect(address, agency, { tls, retry: false, ...TEST_PURPOSE, channelOptions: { 'grpc.use_local_subchannel_pool': 1 } });
  opened.push(c);
  return c;
}

const tlsOf = (id?: Issued): ClientTls => ({ ca: Buffer.from(ca.cert), ...(id ? { cert: Buffer.from(id.cert), key: Buffer.from(id.key) } : {}) });

afterAll(async () => {
  for (const c of opened) c.close();
  for (const s of started) {
    await s.service.shutdown('test done');
    rmSync(s.dataDir, { recursive: true, force: true });
  }
  rmSync(files.dir, { recursive: true, force: true });
});

describe('mutual TLS: the agency from the client certificate', () => {
  let address = '';
  const audit: AuditEvent[] = [];
  let recordB = '';
  beforeAll(async () => { address = await serve({ tlsClientCa: files['ca.crt'] }, audit); });

  const enrol = (c: BiomatchClients) => call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { profile: msg(PROFILE), subjectId: 'P-B' }, c.metadata());
  const get = (c: BiomatchClients, recordId: string) => call<object, DnaRecord__Output>(c.dna.get, c.dna, { recordId }, c.metadata());
  const search = (c: BiomatchClients) => call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: msg(PROFILE), stringency: 'STRINGENCY_HIGH' }, c.metadata());

  it('B enrols a restricted profile with no header: the record is owned by the certificate\'s agency, and B sees it', async () => {
    const b = client(address, tlsOf(agencyB));
    const rec = await enrol(b);
    recordB = rec.meta!.id;
    expect(rec.meta).toMatchObject({ ownerAgency: 'AGENCY-B' });
    expect(rec.meta!.visibility?.allAgencies).toBe(false);
    expect((await get(b, recordB)).meta!.id).toBe(recordB);
    expect((await search(b)).candidates.map((x) => x.recordId)).toEqual([recordB]);
  });

  it('A cannot see B\'s restricted record, by Get or by Search', async () => {
    const a = client(address, tlsOf(agencyA));
    expect((await grpcError(get(a, recordB))).code).toBe(grpc.status.NOT_FOUND);
    expect((await search(a)).candidates).toEqual([]);
  });

  it('A claiming to be B in the header is PERMISSION_DENIED, and the refusal is audited under A', async () => {
    const a = client(address, tlsOf(agencyA), 'AGENCY-B');
    const e = await grpcError(get(a, recordB));
    expect(e.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(e.details).toContain(AGENCY_HEADER);
    expect(e.details).not.toContain('AGENCY-B');
    const refusal = audit.find((x) => x.status === 'PERMISSION_DENIED');
    expect(refusal).toMatchObject({ agency: 'AGENCY-A', method: '/biomatch.v1.DnaService/Get' });
  });

  it('a header equal to the certificate\'s agency is accepted', async () => {
    const b = client(address, tlsOf(agencyB), 'AGENCY-B');
    expect((await get(b, recordB)).meta!.ownerAgency).toBe('AGENCY-B');
  });

  it('a certificate with no O, or an O that is no agency code, is UNAUTHENTICATED', async () => {
    for (const id of [noAgency, wildcard]) {
      const c = client(address, tlsOf(id), 'AGENCY-B');
      expect((await grpcError(search(c))).code).toBe(grpc.status.UNAUTHENTICATED);
    }
  });

  it('refuses a client with no certificate, one from an unknown CA, and an expired one', async () => {
    const cases: [string, ClientTls][] = [
      ['no certificate', tlsOf()],
      ['unknown CA', tlsOf(fromStranger)],
      ['expired', tlsOf(expired)],
    ];
    for (const [what, tls] of cases) {
      const c = client(address, tls, 'AGENCY-A');
      const e = await grpcError(search(c));
      // The handshake fails, so no call reaches the service: grpc-js reports UNAVAILABLE.
      expect([what, e.code]).toEqual([what, grpc.status.UNAVAILABLE]);
    }
    // None of them left an audit event: nothing past the handshake ran.
    expect(audit.filter((x) => x.status === 'UNAVAILABLE')).toEqual([]);
  });

  it('the CLI words a handshake refusal (details as grpc-js quoted OpenSSL in a run of the test above)', () => {
    const details = 'No connection established. Last error: 804CCA9A237F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 116\n (2026-12-01T16:12:09.426Z). Resolution note: ';
    expect(unreachableReason({ code: grpc.status.UNAVAILABLE, details })).toBe('the server requires a client certificate: --tls-cert and --tls-key');
    expect(unreachableReason({ code: grpc.status.UNAVAILABLE, details: 'No connection established. Last error: Error: self-signed certificate in certificate chain' })).toMatch(/not trusted: --tls-ca/);
  });

  it('refuses a plain-text client', async () => {
    const c = connect(address, 'AGENCY-A', { retry: false, channelOptions: { 'grpc.use_local_subchannel_pool': 1 } });
    opened.push(c);
    expect((await grpcError(search(c))).code).toBe(grpc.status.UNAVAILABLE);
  });

  it('the CLI takes --tls-ca --tls-cert --tls-key', async () => {
    const args = ['--server', address, '--tls-ca', files['ca.crt'], '--tls-cert', files['a.crt'], '--tls-key', files['a.key']];
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => { out.push(s); return true; }) as typeof process.stdout.write;
    let code: number;
    try {
      code = await cli([...args, '--json', 'stats']);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    expect(out.join('')).toContain('{');
    expect(await cli(['--server', address, '--tls-ca', files['ca.crt'], '--tls-cert', files['a.crt'], 'stats'])).toBe(2);
  });
});

describe('mutual TLS with a fingerprint map', () => {
  let address = '';
  const map = writeTemp({ 'agencies.json': JSON.stringify({ [agencyA.fingerprint.toLowerCase()]: 'MAPPED-AGENCY' }) });
  beforeAll(async () => {
    address = await serve({ tlsClientCa: files['ca.crt'], tlsAgencyMap: map['agencies.json'] });
  });
  // The server read the map at start; the file goes with the other temporary files.
  afterAll(() => { rmSync(map.dir, { recursive: true, force: true }); });

  it('a mapped certificate acts for the mapped agency, whatever its subject says', async () => {
    const a = client(address, tlsOf(agencyA));
    const rec = await call<object, DnaRecord__Output>(a.dna.enroll, a.dna, { profile: msg(PROFILE), subjectId: 'P-M' }, a.metadata());
    expect(rec.meta!.ownerAgency).toBe('MAPPED-AGENCY');
  });

  it('a certificate not in the map is UNAUTHENTICATED, even with a good subject', async () => {
    const b = client(address, tlsOf(agencyB));
    const e = await grpcError(call(b.dna.get, b.dna, { recordId: 'dna_x' }, b.metadata()));
    expect(e.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(e.details).toContain('agency map');
  });
});

describe('TLS without client certificates', () => {
  it('serves TLS; the agency comes from the header as before', async () => {
    const address = await serve({});
    const c = client(address, tlsOf(), 'AGENCY-C');
    const rec = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { profile: msg(PROFILE), subjectId: 'P-C' }, c.metadata());
    expect(rec.meta!.ownerAgency).toBe('AGENCY-C');
    const untrusting = client(address, { ca: Buffer.from(stranger.cert) }, 'AGENCY-C');
    expect((await grpcError(call(untrusting.dna.get, untrusting.dna, { recordId: rec.meta!.id }, untrusting.metadata()))).code).toBe(grpc.status.UNAVAILABLE);
  });
});

describe('start-up checks', () => {
  const base = (): ServiceConfig => ({ ...loadConfig([], {}), port: 0, poolSize: 1, dataDir: mkdtempSync(join(tmpdir(), 'bm-tls-data-')) });
  const refusal = async (config: ServiceConfig): Promise<string> => {
    // The TLS checks run before the store opens: the data directory stays empty.
    onTestFinished(() => rmSync(config.dataDir, { recursive: true, force: true }));
    try {
      const s = await startService(config, { log: quiet });
      started.push({ service: s, dataDir: config.dataDir });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).problems.join('\n');
    }
    throw new Error('expected the start to be refused');
  };

  it('plain text on a non-loopback address is refused without --insecure', async () => {
    expect(await refusal({ ...base(), host: '0.0.0.0' })).toMatch(/--host 0\.0\.0\.0: refusing plain text .*--insecure/);
    expect(() => loadConfig(['--host', '0.0.0.0'], {})).toThrow(/--insecure/);
    expect(loadConfig(['--host', '0.0.0.0', '--insecure'], {}).insecure).toBe(true);
  });

  it('the server program exits 2 with that message (and with an unreadable certificate)', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BIOMATCH_')));
    const run = (args: string[]) => new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'engine/service/main.ts'), ...args], { cwd: root, env });
      let err = '';
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      child.on('exit', (code) => resolve({ code, err }));
    });
    const plain = await run(['--host', '0.0.0.0', '--port', '0']);
    expect(plain.code).toBe(2);
    expect(plain.err).toContain('--host 0.0.0.0: refusing plain text (no TLS) on a non-loopback address; give --tls-cert and --tls-key, or --insecure');
    const missing = await run(['--host', '0.0.0.0', '--port', '0', '--tls-cert', '/nonexistent/server.crt', '--tls-key', files['server.key']]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--tls-cert /nonexistent/server.crt: cannot read (ENOENT)');
  }, 60_000);

  it('a key that does not match the certificate, or a file that is not PEM, names the flag', async () => {
    const bad = writeTemp({ 'other.key': agencyB.key.replace(/[A-Za-z0-9+/]{64}\n/, 'x'.repeat(64) + '\n'), 'junk.pem': 'not a certificate\n' });
    const otherKey = writeTemp({ 'ca.key': ca.key });
    expect(await refusal({ ...base(), tlsCert: files['server.crt'], tlsKey: otherKey['ca.key'] })).toContain(`--tls-key ${otherKey['ca.key']}: does not match the certificate`);
    expect(await refusal({ ...base(), tlsCert: bad['junk.pem'], tlsKey: files['server.key'] })).toContain(`--tls-cert ${bad['junk.pem']}: no PEM certificate`);
    expect(await refusal({ ...base(), tlsCert: files['server.crt'], tlsKey: bad['other.key'] })).toContain('--tls-key');
    expect(await refusal({ ...base(), tlsCert: files['server.crt'], tlsKey: files['server.key'], tlsClientCa: bad['junk.pem'] })).toContain(`--tls-client-ca ${bad['junk.pem']}: no PEM certificate`);
    rmSync(bad.dir, { recursive: true, force: true });
    rmSync(otherKey.dir, { recursive: true, force: true });
  });

  it('an agency map that is not JSON, or maps to no agency code, names the flag and the entry', async () => {
    const maps = writeTemp({ 'bad.json': '{', 'star.json': JSON.stringify({ [agencyA.fingerprint]: '*' }), 'short.json': JSON.stringify({ AB: 'X' }) });
    const tls = { tlsCert: files['server.crt'], tlsKey: files['server.key'], tlsClientCa: files['ca.crt'] };
    expect(await refusal({ ...base(), ...tls, tlsAgencyMap: maps['bad.json'] })).toMatch(/--tls-agency-map .*bad\.json: not JSON/);
    expect(await refusal({ ...base(), ...tls, tlsAgencyMap: maps['star.json'] })).toMatch(/--tls-agency-map .*"\*" is not an agency code/);
    expect(await refusal({ ...base(), ...tls, tlsAgencyMap: maps['short.json'] })).toMatch(/"AB" is not a SHA-256 fingerprint/);
    rmSync(maps.dir, { recursive: true, force: true });
  });

  it('an expired server certificate does not start', async () => {
    const old = ca.issue({ subject: { CN: 'localhost' }, usage: 'server', notBefore: new Date(Date.now() - 20 * DAY), notAfter: new Date(Date.now() - DAY) });
    const f = writeTemp({ 'old.crt': old.cert, 'old.key': old.key });
    expect(await refusal({ ...base(), tlsCert: f['old.crt'], tlsKey: f['old.key'] })).toMatch(/--tls-cert .*old\.crt: expired on/);
    rmSync(f.dir, { recursive: true, force: true });
  });
});
