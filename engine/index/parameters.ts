/**
 * Every tuning constant of the 1:N candidate index, in one place (house style; hnswlib keeps its
 * parameters documented in one place too). Values were chosen by measurement on the SecuGen ISO
 * templates of FVC2002 planted among generated background; see /work/notes/readme-index.md.
 */

/**
 * The fixed-length finger vector (engine/index/finger-vector.ts): a soft histogram of minutia-pair
 * features (distance, and each minutia's direction relative to the line joining them). Pair
 * features are invariant to rotation and translation by construction, the property both MCC
 * indexing (Cappelli, Ferrara, Maltoni 2011, §3: local structures invariant to rigid motion) and
 * spectral minutiae (Xu, Veldhuis et al. 2009, §2: magnitude spectrum drops translation) seek;
 * a histogram of them is fixed-length, so an HNSW graph can index it.
 */
export const FINGER_VECTOR = {
  /** Pairs closer than this are mostly extraction noise (split ridges, ≈ 1 ridge period at 500 ppi). */
  minPairDistancePx: 10,
  /** Pairs farther apart than this are distorted by skin elasticity and often fall outside the
   * common area of two impressions (partial overlap). */
  maxPairDistancePx: 100,
  /** Bins of pair distance (linear between min and max). */
  distanceBins: 8,
  /** Bins of each relative direction over [0, 2π). */
  angleBins: 12,
  /** Relative-angle tolerance is given by soft (linear) binning on every axis: each pair spreads
   * its unit weight over its two nearest bins per axis, so a feature on a bin edge does not flip. */
  softBinning: true,
  /**
   * Subtract the population mean vector (engine/index/finger-vector-centre.ts) and renormalise.
   * Without it every vector shares a large common component, and prints close to the average
   * ("hubs") outrank a probe's true mate; measured on 280 FVC probes among 10k background,
   * mate in the top 200 rose from 84% to 98% with centring.
   */
  centred: true,
} as const;

/** Dimension of the finger vector that FINGER_VECTOR yields. */
export const FINGER_VECTOR_DIMENSION =
  FINGER_VECTOR.distanceBins * FINGER_VECTOR.angleBins * FINGER_VECTOR.angleBins;

/**
 * HNSW parameters (Malkov, Yashunin 2018 §4; hnswlib ALGO_PARAMS.md).
 * - `m`: links per node per layer. Higher: better recall at high dimension, more memory
 *   (≈ 2·m·4 bytes per element on layer 0).
 * - `efConstruction`: candidate-list size while inserting; higher builds a better graph, slower.
 * - `efSearch`: candidate-list size while searching; must be ≥ k; the recall/latency knob.
 * - `space`: inner product over L2-normalised vectors is cosine similarity; 'cosine' space makes
 *   hnswlib normalise for us and report 1 − cos as distance.
 */
export const HNSW = {
  space: 'cosine',
  m: 16,
  efConstruction: 100,
  /** 1000 rather than 400: at 100k, top-200 ANN recall was 87.8% with 400, and raising ef to
   * 1000 with a 400 shortlist lifted the mate's rank-1 rate from 83% to 87% for +120 ms CPU. */
  efSearch: 1000,
  /** Growth factor when the index is full (resizeIndex is O(n), so grow geometrically). */
  growthFactor: 1.5,
  /** Initial capacity of a new index. */
  initialCapacity: 1024,
  randomSeed: 100,
} as const;

/** The identifier (index shortlist + exact re-rank). */
export const IDENTIFY = {
  /** Candidates taken from the index and re-ranked by the exact matcher. */
  shortlistLength: 400,
  /** Candidates returned by default (the proto's server default is 20). */
  candidateListLength: 20,
} as const;
