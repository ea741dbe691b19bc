/**
 * Test helper: a minimal reader of ISO/IEC 19794-2:2005 minutiae records (the 24-byte record
 * header, the first finger view's 4-byte header and its 6-byte minutiae, §7), written here so the
 * extraction tests can compare directions with the SecuGen templates of FVC2002 without
 * depending on the template codecs. Extended data is ignored. Not for production input: the
 * codecs in engine/fingerprint/templates/ validate; this only reads what the tests need.
 */
export interface IsoReferenceMinutia {
  type: 'ending' | 'bifurcation' | 'other';
  x: number;
  y: number;
  /** Radians, ISO convention (counter-clockwise as viewed from +x). */
  direction: number;
  quality: number;
}

export interface IsoReferenceRecord {
  width: number;
  height: number;
  minutiae: IsoReferenceMinutia[];
}

export function readIsoReference(bytes: Uint8Array): IsoReferenceRecord {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 28 || String.fromCharCode(bytes[0], bytes[1], bytes[2]) !== 'FMR') throw new Error('not an ISO 19794-2 record');
  const width = dv.getUint16(14);
  const height = dv.getUint16(16);
  const count = bytes[27];
  const minutiae: IsoReferenceMinutia[] = [];
  for (let k = 0; k < count; k++) {
    const o = 28 + 6 * k;
    if (o + 6 > bytes.length) break;
    const a = dv.getUint16(o);
    const b = dv.getUint16(o + 2);
    const t = a >> 14;
    minutiae.push({
      type: t === 1 ? 'ending' : t === 2 ? 'bifurcation' : 'other',
      x: a & 0x3fff,
      y: b & 0x3fff,
      direction: (bytes[o + 4] * 2 * Math.PI) / 256,
      quality: bytes[o + 5],
    });
  }
  return { width, height, minutiae };
}
