// Original file: proto/biomatch/v1/fingerprint.proto

export const ImageFormat = {
  /**
   * detect from the bytes (PNG, JPEG, TIFF, BMP, WSQ, ANSI/NIST)
   */
  IMAGE_FORMAT_UNSPECIFIED: 'IMAGE_FORMAT_UNSPECIFIED',
  IMAGE_FORMAT_PNG: 'IMAGE_FORMAT_PNG',
  IMAGE_FORMAT_JPEG: 'IMAGE_FORMAT_JPEG',
  IMAGE_FORMAT_TIFF: 'IMAGE_FORMAT_TIFF',
  IMAGE_FORMAT_BMP: 'IMAGE_FORMAT_BMP',
  /**
   * 8-bit gray, needs width and height
   */
  IMAGE_FORMAT_RAW: 'IMAGE_FORMAT_RAW',
  IMAGE_FORMAT_WSQ: 'IMAGE_FORMAT_WSQ',
  /**
   * ANSI/NIST-ITL 1-2011 traditional encoding transaction
   */
  IMAGE_FORMAT_ANSI_NIST: 'IMAGE_FORMAT_ANSI_NIST',
} as const;

export type ImageFormat =
  /**
   * detect from the bytes (PNG, JPEG, TIFF, BMP, WSQ, ANSI/NIST)
   */
  | 'IMAGE_FORMAT_UNSPECIFIED'
  | 0
  | 'IMAGE_FORMAT_PNG'
  | 1
  | 'IMAGE_FORMAT_JPEG'
  | 2
  | 'IMAGE_FORMAT_TIFF'
  | 3
  | 'IMAGE_FORMAT_BMP'
  | 4
  /**
   * 8-bit gray, needs width and height
   */
  | 'IMAGE_FORMAT_RAW'
  | 5
  | 'IMAGE_FORMAT_WSQ'
  | 6
  /**
   * ANSI/NIST-ITL 1-2011 traditional encoding transaction
   */
  | 'IMAGE_FORMAT_ANSI_NIST'
  | 7

export type ImageFormat__Output = typeof ImageFormat[keyof typeof ImageFormat]
