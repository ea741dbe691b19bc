/**
 * For tests: X.509 certificates made at test time (no openssl, no files checked in). RSA keys
 * from Node's crypto, certificates signed with node-forge (a dev dependency, pure JavaScript, so
 * CI needs no openssl binary).
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The part of node-forge used here (it ships no types, and @types/node-forge is not installed). */
interface ForgeCertificate {
  publicKey: unknown;
  serialNumber: string;
  validity: { notBefore: Date; notAfter: Date };
  subject: { attributes: unknown[] };
  setSubject(attrs: { shortName: string; value: string }[]): void;
  setIssuer(attrs: unknown[]): void;
  setExtensions(exts: Record<string, unknown>[]): void;
  sign(key: unknown, md: unknown): void;
  generateSubjectKeyIdentifier(): { getBytes(): string };
}
interface Forge {
  pki: {
    createCertificate(): ForgeCertificate;
    privateKeyFromPem(pem: string): unknown;
    publicKeyFromPem(pem: string): unknown;
    certificateToPem(cert: ForgeCertificate): string;
  };
  md: { sha256: { create(): unknown } };
}
const forge = createRequire(import.meta.url)('node-forge') as Forge;

const DAY = 24 * 3600 * 1000;

export interface Issued {
  /** PEM certificate. */
  cert: string;
  /** PEM PKCS#8 private key. */
  key: string;
  /** SHA-256 of the DER certificate, 'AB:CD:...' as Node and openssl print it. */
  fingerprint: string;
}

export interface Authority extends Issued {
  /** A certificate signed by this authority; `subject` in order, e.g. { O: 'AGENCY-A', CN: 'terminal-1' }. */
  issue(options: { subject: Record<string, string>; usage: 'server' | 'client'; notBefore?: Date; notAfter?: Date }): Issued;
}

/**
 * RSA key generation costs most of a second on a busy machine, so every leaf certificate shares
 * one key pair: certificates differ in subject, issuer, validity and fingerprint, which is what
 * the tests exercise.
 */
let leafKeyPair: { privateKey: string; publicKey: string } | undefined;

function keyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function attributes(subject: Record<string, string>): { shortName: string; value: string }[] {
  return Object.entries(subject).map(([shortName, value]) => ({ shortName, value }));
}

/** A self-signed certificate authority that issues server and client certificates. */
export function certificateAuthority(name: string): Authority {
  const now = Date.now();
  const keys = keyPair();
  const signingKey = forge.pki.privateKeyFromPem(keys.privateKey);
  const ca = forge.pki.createCertificate();
  ca.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  ca.serialNumber = '01';
  ca.validity.notBefore = new Date(now - DAY);
  ca.validity.notAfter = new Date(now + 30 * DAY);
  ca.setSubject(attributes({ CN: name }));
  ca.setIssuer(ca.subject.attributes);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(signingKey, forge.md.sha256.create());
  const caPem = forge.pki.certificateToPem(ca);
  let serial = 1;
  return {
    cert: caPem, key: keys.privateKey, fingerprint: new X509Certificate(caPem).fingerprint256,
    issue({ subject, usage, notBefore = new Date(now - DAY), notAfter = new Date(now + 30 * DAY) }) {
      const leafKeys = (leafKeyPair ??= keyPair());
      const cert = forge.pki.createCertificate();
      cert.publicKey = forge.pki.publicKeyFromPem(leafKeys.publicKey);
      cert.serialNumber = (++serial).toString(16).padStart(2, '0');
      cert.validity.notBefore = notBefore;
      cert.validity.notAfter = notAfter;
      cert.setSubject(attributes(subject));
      cert.setIssuer(ca.subject.attributes);
      cert.setExtensions([
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        usage === 'server' ? { name: 'extKeyUsage', serverAuth: true } : { name: 'extKeyUsage', clientAuth: true },
        ...(usage === 'server' ? [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }] : []),
        { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
      ]);
      cert.sign(signingKey, forge.md.sha256.create());
      const pem = forge.pki.certificateToPem(cert);
      return { cert: pem, key: leafKeys.privateKey, fingerprint: new X509Certificate(pem).fingerprint256 };
    },
  };
}

/** Writes `files` (name → contents) into a new temporary directory; returns name → path, and the directory. */
export function writeTemp<K extends string>(files: Record<K, string>): Record<K, string> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bm-tls-'));
  const paths: Record<string, string> = { dir };
  for (const [name, text] of Object.entries<string>(files)) {
    const path = join(dir, name);
    writeFileSync(path, text, { mode: 0o600 });
    paths[name] = path;
  }
  return paths as Record<K, string> & { dir: string };
}
