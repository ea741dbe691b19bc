/**
 * One entry point for encoded minutiae templates: detect the standard from the bytes, decode to
 * the internal form.
 */
import { EngineError } from '../../errors.js';
import type { FingerprintTemplate } from '../template.js';
import type { MinutiaeRecord, MinutiaeRecordFormat } from './minutiae-record.js';
import { decodeIso19794_2Record, isIso19794_2_2005, isIso19794_2_2011 } from './iso-19794-2.js';
import { decodeAnsi378Record, isAnsi378_2004, isAnsi378_2009 } from './ansi-378.js';
import { recordToTemplates } from './record-conversion.js';

/** The standard family a caller may name (the proto's TemplateFormat, less INTERNAL). */
export type TemplateStandard = 'iso-19794-2' | 'ansi-378';

/**
 * The record format the bytes announce, from the magic, the version and the length layout;
 * undefined when they are no minutiae record we read.
 */
export function detectTemplateFormat(bytes: Uint8Array): MinutiaeRecordFormat | undefined {
  if (isIso19794_2_2005(bytes)) return 'iso-19794-2:2005';
  if (isAnsi378_2004(bytes)) return 'ansi-378:2004';
  if (isIso19794_2_2011(bytes)) return 'iso-19794-2:2011';
  if (isAnsi378_2009(bytes)) return bytes[6] === 0x35 ? 'ansi-378:2009-am1' : 'ansi-378:2009';
  return undefined;
}

/** Decodes a record field by field; `standard` (when given) must agree with the bytes. */
export function decodeTemplateRecord(bytes: Uint8Array, standard?: TemplateStandard): MinutiaeRecord {
  const detected = detectTemplateFormat(bytes);
  if (detected === undefined) {
    throw EngineError.invalidArgument('template.data', 'not an ISO/IEC 19794-2 (2005, 2011) or ANSI INCITS 378 (2004, 2009) minutiae record');
  }
  const family: TemplateStandard = detected.startsWith('iso') ? 'iso-19794-2' : 'ansi-378';
  if (standard !== undefined && standard !== family) {
    throw EngineError.invalidArgument('template.format', `declared ${standard} but the bytes are a ${detected} record`);
  }
  return family === 'iso-19794-2' ? decodeIso19794_2Record(bytes) : decodeAnsi378Record(bytes);
}

/** Every finger view of an encoded template, in the internal form (500 ppi, radians). */
export function decodeTemplate(bytes: Uint8Array, standard?: TemplateStandard): FingerprintTemplate[] {
  return recordToTemplates(decodeTemplateRecord(bytes, standard));
}
