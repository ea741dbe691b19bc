/** The template codecs' public surface. */
export type { MinutiaeRecord, MinutiaeRecordFormat, FingerView, RecordMinutia } from './minutiae-record.js';
export { decodeIso19794_2, decodeIso19794_2Single, encodeIso19794_2, decodeIso19794_2Record, encodeIso19794_2Record } from './iso-19794-2.js';
export { decodeAnsi378, decodeAnsi378Single, encodeAnsi378, decodeAnsi378Record, encodeAnsi378Record } from './ansi-378.js';
export { detectTemplateFormat, decodeTemplate, decodeTemplateRecord, type TemplateStandard } from './template-format.js';
export { viewToTemplate, recordToTemplates, templateToView, type EncodeOptions } from './record-conversion.js';
