/** The image decoders' public surface (the service and the extractor call these). */
export { decodeImage, type DecodeImageOptions } from './image-decoder.js';
export type { DecodedImage, ImageFormatName } from './decoded-image.js';
export { detectImageFormat } from './image-format.js';
export { decodeWsq, type WsqImage } from './wsq-decoder.js';
export { decodeBmp } from './bmp-decoder.js';
export { decodeJpegLossless } from './jpeg-lossless-decoder.js';
export { readAnsiNist, decodeAnsiNistImages, decodeRecordImage, type AnsiNistContents, type ImageRecordInfo, type RecordStatus } from './ansi-nist-images.js';
export type { Type9Minutiae, LegacyMinutia } from './ansi-nist-minutiae.js';
export * as codecParameters from './codec-parameters.js';
