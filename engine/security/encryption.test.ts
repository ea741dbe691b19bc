import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { EncryptionKey, KeyFileError, keyMatches, makeHeader, parseHeader, parseKey, readKeyFile, readSealedFile, seal, unseal, writeSealedFile } from './encryption.js';

const dir = mkdtempSync(join(tmpdir(), 'bm-key-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const raw = randomBytes(32);

describe('key files', () => {
  it('accepts 64 hex characters, 44 base64 characters (each with or without a newline) and 32 raw bytes, all to the same key', () => {
    const checks = [
      parseKey(Buffer.from(raw.toString('hex'))), parseKey(Buffer.from(`${raw.toString('hex').toUpperCase()}\n`)),
      parseKey(Buffer.from(`${raw.toString('base64')}\r\n`)), parseKey(raw),
    ].map((k) => k.check());
    expect(new Set(checks).size).toBe(1);
  });

  it('refuses anything else, saying what it expected and never quoting the content', () => {
    for (const bad of ['', 'abcd', raw.toString('hex').slice(2), `${raw.toString('hex')}00`, ` ${raw.toString('hex')}`, 'z'.repeat(64), raw.toString('base64').slice(0, 43)]) {
      expect(() => parseKey(Buffer.from(bad)), bad).toThrow(KeyFileError);
    }
    try { parseKey(Buffer.from('secret-ish-content')); } catch (e) {
      expect((e as Error).message).toMatch(/expected 64 hex characters/);
      expect((e as Error).message).not.toContain('secret');
    }
  });

  it('refuses a missing file and one that group or others may read', () => {
    expect(() => readKeyFile(join(dir, 'absent'))).toThrow(/does not exist/);
    const loose = join(dir, 'loose');
    writeFileSync(loose, raw.toString('hex'), { mode: 0o640 });
    expect(() => readKeyFile(loose)).toThrow(/group or others \(mode 0640\); chmod 600 it/);
    const tight = join(dir, 'tight');
    writeFileSync(tight, raw.toString('hex'), { mode: 0o600 });
    expect(readKeyFile(tight).check()).toBe(EncryptionKey.fromBytes(raw).check());
  });

  it('never serialises the key', () => {
    const key = EncryptionKey.fromBytes(raw);
    expect(JSON.stringify({ key })).not.toContain(raw.toString('hex'));
    expect(JSON.stringify({ key })).not.toContain(raw.toString('base64'));
  });
});

describe('sub-keys and the key check', () => {
  const key = EncryptionKey.fromBytes(raw);
  const other = EncryptionKey.fromBytes(randomBytes(32));

  it('derives a different key per use; the LMDB key is 32 ASCII characters', () => {
    expect(key.derive('a').equals(key.derive('b'))).toBe(false);
    expect(key.derive('a').equals(raw)).toBe(false);
    expect(key.lmdbKey()).toMatch(/^[A-Za-z0-9+/]{32}$/);
    expect(Buffer.byteLength(key.lmdbKey(), 'utf8')).toBe(32);
    expect(key.lmdbKey()).not.toBe(other.lmdbKey());
  });

  it('the header recognises its key and no other', () => {
    const header = parseHeader(JSON.stringify(makeHeader(key, 'biomatch.enc.mdb')), 'encryption.json');
    expect(keyMatches(key, header)).toBe(true);
    expect(keyMatches(other, header)).toBe(false);
    expect(JSON.stringify(header)).not.toContain(raw.toString('hex'));
    expect(() => parseHeader('{', 'h.json')).toThrow(/not valid JSON/);
    expect(() => parseHeader('{"format":"x"}', 'h.json')).toThrow(/not a biomatch encryption header/);
  });
});

describe('sealed files (AES-256-GCM)', () => {
  const key = EncryptionKey.fromBytes(raw);
  const plain = Buffer.from('CANARY-SEAL '.repeat(100));

  it('round-trips, with a fresh nonce each time, and hides the content', () => {
    const a = seal(key, 'role', plain);
    const b = seal(key, 'role', plain);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('CANARY-SEAL'))).toBe(false);
    expect(unseal(key, 'role', a).equals(plain)).toBe(true);
    const path = join(dir, 'sealed');
    writeSealedFile(key, 'role', path, plain);
    expect(readSealedFile(key, 'role', path).equals(plain)).toBe(true);
  });

  it('refuses another key, another role, a flipped bit, a truncation and a plain file', () => {
    const s = seal(key, 'role', plain);
    expect(() => unseal(EncryptionKey.fromBytes(randomBytes(32)), 'role', s)).toThrow(/failed authentication/);
    expect(() => unseal(key, 'other-role', s)).toThrow(/failed authentication/);
    const flipped = Buffer.from(s); flipped[40] ^= 1;
    expect(() => unseal(key, 'role', flipped)).toThrow(/failed authentication/);
    expect(() => unseal(key, 'role', s.subarray(0, s.length - 1))).toThrow(/failed authentication/);
    expect(() => unseal(key, 'role', plain)).toThrow(/not a sealed file/);
  });
});
