/**
 * The field-by-field form of a finger minutiae record (ISO/IEC 19794-2 and ANSI INCITS 378, every
 * version we read), as the bytes say it: raw codes and units, before any conversion. The codecs
 * decode bytes to it and encode it to bytes; `record-conversion.ts` turns it into the internal
 * `FingerprintTemplate` (500 ppi, radians) and back. Keeping this form lets tests compare every
 * field with an independent decoder's dump and re-encode a record byte for byte.
 */

export type MinutiaeRecordFormat =
  | 'iso-19794-2:2005'
  | 'iso-19794-2:2011'
  | 'ansi-378:2004'
  /** Version "030" laid out with a 2-byte capture equipment field, as NIST libbiomeval reads and
   * writes it (its "ANSI2007" record, test file fmr.ansi2007). */
  | 'ansi-378:2007'
  | 'ansi-378:2009'
  | 'ansi-378:2009-am1';

export interface RecordMinutia {
  /** Raw 2-bit type code: 0 other (ANSI 2009: "either"), 1 ridge ending, 2 bifurcation. */
  type: number;
  /** Pixels in the record's own image and resolution. */
  x: number;
  y: number;
  /** Raw angle code: ISO units of 360/256 degrees, ANSI units of 2 degrees. */
  angle: number;
  /** 0–100; ISO 2011 / ANSI 2009: 254 not reported, 255 failed. ISO 2011 5-byte minutiae: 254. */
  quality: number;
}

export interface RidgeCountEdge {
  from: number;
  to: number;
  count: number;
}

export interface RidgeCountData {
  /** Extraction method: 0 non-specific, 1 four-neighbour (quadrants), 2 eight-neighbour (octants). */
  method: number;
  edges: RidgeCountEdge[];
}

export interface RecordCore {
  x: number;
  y: number;
  /** Raw angle code, undefined when the record gives none. */
  angle?: number;
}

export interface RecordDelta {
  x: number;
  y: number;
  /** Three raw angle codes, undefined when the record gives none. */
  angles?: [number, number, number];
}

export interface CoreDeltaData {
  cores: RecordCore[];
  deltas: RecordDelta[];
}

/** One extended-data block (type 1 ridge counts, 2 cores/deltas, 3 zonal quality (ISO), vendor). */
export interface RecordExtension {
  type: number;
  data: Uint8Array;
}

export interface FingerView {
  /** Finger position code (0 unknown, 1–10 fingers; ANSI/NIST table codes). */
  position: number;
  /** View number of this finger (0–15). */
  view: number;
  /** Impression type: 0 live plain, 1 live rolled, 2 non-live plain, 3 non-live rolled, ... */
  impressionType: number;
  /** Finger quality 0–100 (2009/2011: 254 not reported, 255 failed). */
  quality: number;
  /** Image size and resolution (px/cm) this view's coordinates refer to. In 2004/2005 records they
   * come from the record header and are copied into every view. */
  width: number;
  height: number;
  resolutionX: number;
  resolutionY: number;
  minutiae: RecordMinutia[];
  /** Every extended-data block as stored, in order (kept raw so a record re-encodes byte for byte). */
  extensions: RecordExtension[];
  /** Parsed from the type-1 block, when present and readable. */
  ridgeCounts?: RidgeCountData;
  /** Parsed from the type-2 block, when present and readable. */
  coreDelta?: CoreDeltaData;
  /** ANSI 378-2009 / Am1: quality algorithm (IBIA vendor and algorithm ids). */
  qualityVendorId?: number;
  qualityAlgorithmId?: number;
  /** ISO 19794-2:2011 representation header. */
  captureDateTime?: { year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number };
  sensorType?: number;
  sensorVendor?: number;
  sensorId?: number;
  qualityRecords?: Array<{ quality: number; vendor: number; algorithm: number }>;
  certificates?: Array<{ authority: number; scheme: number }>;
  /** ISO 19794-2:2011: 0 endings at valley skeleton bifurcations, 1 at ridge skeleton end points. */
  endingType?: number;
}

export interface MinutiaeRecord {
  format: MinutiaeRecordFormat;
  /** The 3 version characters as stored (" 20", "020", "030", "035"); encoders default them. */
  version?: string;
  /** ANSI 378: CBEFF product identifier (owner and type). */
  vendorId?: number;
  subformat?: number;
  /** Capture equipment: compliance/certification flag and equipment id (2004/2005/ANSI 2009). */
  sensorCertified?: boolean;
  /** ISO 19794-2:2005 / ANSI 378-2004: the 4 capture equipment compliance bits as stored. */
  sensorCompliance?: number;
  sensorId?: number;
  views: FingerView[];
}

/** Angle unit of a format, in degrees per code. ISO 19794-2 §7.4.2: 360/256; ANSI 378 §6.4.1.3: 2. */
export function angleUnitDegrees(format: MinutiaeRecordFormat): number {
  return format.startsWith('iso') ? 360 / 256 : 2;
}
