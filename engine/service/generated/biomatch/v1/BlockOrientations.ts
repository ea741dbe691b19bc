// Original file: proto/biomatch/v1/fingerprint.proto


/**
 * Ridge direction per `block` x `block` pixel block of the 500 ppi image, row-major
 * (blocks_wide x blocks_high, tiling width x height): one byte each, whole degrees 0..179 from
 * +x towards +y (image coordinates, y down; a ridge direction, modulo 180), 255 = background.
 */
export interface BlockOrientations {
  'block'?: (number);
  'blocksWide'?: (number);
  'blocksHigh'?: (number);
  'angles'?: (Buffer | Uint8Array | string);
}

/**
 * Ridge direction per `block` x `block` pixel block of the 500 ppi image, row-major
 * (blocks_wide x blocks_high, tiling width x height): one byte each, whole degrees 0..179 from
 * +x towards +y (image coordinates, y down; a ridge direction, modulo 180), 255 = background.
 */
export interface BlockOrientations__Output {
  'block': (number);
  'blocksWide': (number);
  'blocksHigh': (number);
  'angles': (Buffer);
}
