/**
 * The server's audit signing key: Ed25519, PKCS#8 PEM. By default `audit-signing.key` in the data
 * directory, created at first start readable by the owner only (0600); `--audit-key-file` puts it
 * elsewhere (a secret mount, say), which it must already be: a mistyped path must not silently
 * start a new key. The public half is written beside it (`.pub`, SPKI PEM) for auditors to pin.
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { EngineError, ErrorCode } from '../errors.js';
import { keyId } from './audit-chain.js';

export const AUDIT_KEY_FILE = 'audit-signing.key';

export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  path: string;
  /** Set when the key file is readable by others than its owner. */
  warning?: string;
}

function fail(message: string, cause?: unknown): EngineError {
  return new EngineError(ErrorCode.FailedPrecondition, message, { cause });
}

/** Reads an Ed25519 private key (PKCS#8 PEM); a clear error otherwise. */
export function readPrivateKey(path: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    throw fail(`cannot read the audit signing key ${path}`, e);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    throw fail(`the audit signing key ${path} is not a PEM private key`, e);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw fail(`the audit signing key ${path} is not an Ed25519 key (it is ${key.asymmetricKeyType ?? 'unknown'})`);
  return key;
}

/** Reads a public key (SPKI PEM) or derives it from a private key file. */
export function readPublicKey(path: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    throw fail(`cannot read the audit key ${path}`, e);
  }
  try {
    const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch (e) {
    throw fail(`${path} is not an Ed25519 key in PEM`, e);
  }
}

/**
 * The signing key: `file` when given (it must exist), else `<dataDir>/audit-signing.key`, created
 * when absent.
 */
export function loadOrCreateSigningKey(dataDir: string, file?: string): AuditSigningKey {
  const path = file || join(dataDir, AUDIT_KEY_FILE);
  if (!file && !existsSync(path)) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    // 'wx': never overwrite a key another process created meanwhile.
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    writeFileSync(`${path}.pub`, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  }
  const privateKey = readPrivateKey(path);
  const publicKey = createPublicKey(privateKey);
  const mode = statSync(path).mode & 0o777;
  return {
    privateKey, publicKey, keyId: keyId(publicKey), path,
    ...(mode & 0o077 ? { warning: `the audit signing key ${path} is readable by others (mode ${mode.toString(8)}); chmod 600 it` } : {}),
  };
}
