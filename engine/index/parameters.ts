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
   * The fitted map from the 1152-bin histogram to the stored vector (finger-vector-projection.ts):
   * mean subtracted, the leading `dimensions` principal components, each scaled by (λ/λ₁)^−α.
   * Measured with exact cosine ranking (`npm run bench:finger-vector -- --background 50000`):
   * mates of all 280 FVC2002 SecuGen probes / of the 256 that exhaustive search ranks first, in
   * the top 100 among 50,000 generated prints (≈ top 2,000 at 1M): histogram with the mean
   * subtracted, no projection (the previous vector) 92.9 / 96.5%; PCA 384 unwhitened (α 0)
   * 92.1 / 96.1%; α 0.25 at 192 / 320 / 384 dimensions 93.2 / 97.3%, 96.1 / 98.8%, 96.4 / 99.2%;
   * 384 at α 0.4 / 0.5: 96.4 / 99.2%, 95.4 / 98.4%. Whitening is what helps; 384 dimensions also
   * make HNSW inserts cheaper than 1152.
   * Fitted on generated background (seed 1), never on FVC data. `sha256` pins the shipped file.
   */
  projection: {
    dimensions: 384,
    whiteningExponent: 0.25,
    fitTemplates: 8000,
    fitSeed: 1,
    sha256: '8003c1027d5c891af16ea648c4fb4840ee797c450fb54c75c30aba02370748a0',
  },
} as const;


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
  /**
   * Search list length (search uses max(efSearch, k)). Twice the shortlist: at 100k with ef equal
   * to the 2,000 shortlist, the graph returned 81.8% of the exact top 2,000 and the mate was in
   * the shortlist for 96.8% of probes, while a k 5,000 / ef 5,000 search held it in its first
   * 2,000 for 98.9%; the graph search is ~10 ms of a ~200 ms identify at 100k.
   */
  efSearch: 5000,
  /** Growth factor when the index is full (resizeIndex is O(n), so grow geometrically). */
  growthFactor: 1.5,
  /** Initial capacity of a new index. */
  initialCapacity: 1024,
  randomSeed: 100,
} as const;

/** The identifier (index shortlist + exact re-rank). */
export const IDENTIFY = {
  /**
   * Candidates taken from the index and re-ranked by the exact matcher over cached prepared
   * forms (~65 µs each, most of the search time). The vector ranking's top 100 / 250 among 50k
   * (≈ 2,000 / 5,000 among 1M) holds the mate for 99.2 / 99.6% of the probes exhaustive search
   * ranks first (bench/finger-vector.bench.ts); at 1M a 2,500 list searches in p50 ~220 ms.
   */
  shortlistLength: 2500,
  /** Candidates returned by default (the proto's server default is 20). */
  candidateListLength: 20,
} as const;
