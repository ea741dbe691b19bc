// Original file: proto/biomatch/v1/fingerprint.proto

export const TemplateFormat = {
  /**
   * input: detect; output: INTERNAL
   */
  TEMPLATE_FORMAT_UNSPECIFIED: 'TEMPLATE_FORMAT_UNSPECIFIED',
  /**
   * biomatch's own (the Template message)
   */
  TEMPLATE_FORMAT_INTERNAL: 'TEMPLATE_FORMAT_INTERNAL',
  TEMPLATE_FORMAT_ISO_19794_2_2005: 'TEMPLATE_FORMAT_ISO_19794_2_2005',
  TEMPLATE_FORMAT_ANSI_378_2004: 'TEMPLATE_FORMAT_ANSI_378_2004',
} as const;

export type TemplateFormat =
  /**
   * input: detect; output: INTERNAL
   */
  | 'TEMPLATE_FORMAT_UNSPECIFIED'
  | 0
  /**
   * biomatch's own (the Template message)
   */
  | 'TEMPLATE_FORMAT_INTERNAL'
  | 1
  | 'TEMPLATE_FORMAT_ISO_19794_2_2005'
  | 2
  | 'TEMPLATE_FORMAT_ANSI_378_2004'
  | 3

export type TemplateFormat__Output = typeof TemplateFormat[keyof typeof TemplateFormat]
