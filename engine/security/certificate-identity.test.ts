import { describe, expect, it } from 'vitest';
import { certificateAgency, normaliseFingerprint, parseAgencyMap, subjectLine, type AgencySource } from './certificate-identity.js';

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const HEX = FP.replace(/:/g, '');
const byO: AgencySource = { kind: 'subject-field', field: 'O' };

describe('certificate identity', () => {
  it('the agency is the subject O by default, another field when configured', () => {
    const cert = { subject: { C: 'FR', O: 'FR-LYON', OU: 'DNA-LAB', CN: 'terminal-7' }, fingerprint256: FP };
    expect(certificateAgency(cert, byO)).toEqual({ ok: true, agency: 'FR-LYON', subject: 'C=FR, O=FR-LYON, OU=DNA-LAB, CN=terminal-7' });
    expect(certificateAgency(cert, { kind: 'subject-field', field: 'OU' })).toMatchObject({ ok: true, agency: 'DNA-LAB' });
  });

  it('no field, several values, or a value that is no agency code: no agency, with the reason', () => {
    expect(certificateAgency({ subject: { CN: 'x' } }, byO)).toMatchObject({ ok: false, reason: expect.stringContaining('has no O field') });
    expect(certificateAgency({ subject: { O: ['A', 'B'] } }, byO)).toMatchObject({ ok: false, reason: expect.stringContaining('2 O fields') });
    for (const bad of ['*', 'ALL ', '', 'a'.repeat(65), '../x']) {
      expect(certificateAgency({ subject: { O: bad } }, byO).ok).toBe(false);
    }
    expect(certificateAgency({}, byO).ok).toBe(false);
  });

  it('the fingerprint map: any spelling of the fingerprint, the subject ignored', () => {
    const map: AgencySource = { kind: 'fingerprint-map', agencies: parseAgencyMap(JSON.stringify({ [HEX.toLowerCase()]: 'MAPPED' })) };
    expect(certificateAgency({ subject: { O: 'OTHER' }, fingerprint256: FP }, map)).toMatchObject({ ok: true, agency: 'MAPPED', subject: 'O=OTHER' });
    expect(certificateAgency({ subject: { O: 'OTHER' }, fingerprint256: FP.replace('AB', '00') }, map)).toMatchObject({ ok: false, reason: 'the client certificate is not in the agency map' });
    expect(certificateAgency({ subject: { O: 'OTHER' } }, map).ok).toBe(false);
  });

  it('fingerprints: colons or not, any case, openssl\'s prefix; nothing else', () => {
    expect(normaliseFingerprint(FP)).toBe(HEX);
    expect(normaliseFingerprint(HEX.toLowerCase())).toBe(HEX);
    expect(normaliseFingerprint(`sha256 Fingerprint=${FP}`)).toBe(HEX);
    expect(normaliseFingerprint(HEX.slice(2))).toBeUndefined();
    expect(normaliseFingerprint(`${HEX}00`)).toBeUndefined();
    expect(normaliseFingerprint('zz'.repeat(32))).toBeUndefined();
  });

  it('an agency map that is not an object of fingerprint → agency code is refused, naming the entry', () => {
    expect(() => parseAgencyMap('[')).toThrow(/not JSON/);
    expect(() => parseAgencyMap('["x"]')).toThrow(/expected a JSON object/);
    expect(() => parseAgencyMap('{"xyz": "A"}')).toThrow(/"xyz" is not a SHA-256 fingerprint/);
    expect(() => parseAgencyMap(JSON.stringify({ [HEX]: '*' }))).toThrow(/"\*" is not an agency code/);
    expect(() => parseAgencyMap(JSON.stringify({ [HEX]: 7 }))).toThrow(/7 is not an agency code/);
    expect(() => parseAgencyMap(JSON.stringify({ [HEX]: 'A', [FP]: 'B' }))).toThrow(/listed twice/);
    expect(parseAgencyMap('{}').size).toBe(0);
  });

  it('the subject line keeps repeated fields', () => {
    expect(subjectLine({ subject: { OU: ['a', 'b'], CN: 'c' } })).toBe('OU=a, OU=b, CN=c');
  });
});
