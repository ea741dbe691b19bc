/**
 * Every tuning constant of the 1:N candidate index, in one place (house style; hnswlib keeps its
 * parameters documented in one place too). Values were chosen by measurement on the SecuGen ISO
 * templates of FVC2002 planted among generated background; the figures are in
 * docs/measurements/identification-1n.md and docs/measurements/finger-vector.md.
 */

/**
 * The fixed-length finger vector (engine/fingerprint/identification/finger-vector.ts): a soft histogram of minutia-pair
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
   * Fitted on generated background (seed 1) only, never on FVC data; the histograms are unweighted
   * (`qualityExponent` 0). A projection fitted on generated templates plus synthetic fingers 2001–3500
   * over quality-weighted histograms (docs/decisions/finger-vector-local.md, candidate 8; sha256
   * 54b54374…) kept more mates against realistic impostors by exact cosine, shipped on 2026-12-02 and
   * was withdrawn on 2026-12-03 by a rule declared before the measurement: at 1M its vectors lose
   * mates in the HNSW graph that the graph finds with this projection (280 FVC2002 probes, mate in
   * the graph's 2,500 shortlist at ef 20,000: 264 against 271; docs/measurements/identification-1n.md,
   * "The graph or the vector?"). `sha256` pins the shipped file; `scripts/fit-finger-vector.ts
   * --features pairs` refits it byte for byte.
   */
  projection: {
    dimensions: 384,
    whiteningExponent: 0.25,
    fitTemplates: 8000,
    fitSeed: 1,
    sha256: '8003c1027d5c891af16ea648c4fb4840ee797c450fb54c75c30aba02370748a0',
  },
  /**
   * Each pair counts (q̃a · q̃b)^qualityExponent, q̃ = minutia quality / 100 (quality 0, ISO's
   * "not reported", counts 1). 0: every pair counts 1, the histogram ignores quality. 1 shipped with
   * candidate 8's projection and was withdrawn with it (see `projection`); the weighting is kept as
   * study code (finger-vector-local.ts, pairs-quality-γ).
   */
  qualityExponent: 0,
} as const;


/**
 * Study settings only (docs/decisions/finger-vector-local.md): candidate finger-vector inputs
 * measured against realistic impostors. Nothing in the service reads them; the shipped vector is
 * FINGER_VECTOR above.
 * - `pairRangesPx`: other pair-distance ranges for today's pair histogram (bins as shipped):
 *   shorter pairs are more local (a small common area holds them), longer ones more specific.
 * - `triangles`: each minutia with every two of its `neighbours` nearest others within
 *   [minSidePx, maxSidePx], in both orders (a, b): the sides' lengths |ca| and |cb|, the signed
 *   angle from c→a to c→b, and the minutia's direction against c→a. All relative, so
 *   rotation and translation invariant; local like MCC's cylinders (Cappelli, Ferrara, Maltoni
 *   2011) and the triplet indexes of Germain, Califano, Colville (1997) and Bhanu, Tan (2003).
 *   Several neighbour pairs per minutia, not just the two nearest, so that one missed or spurious
 *   minutia changes a few triangles rather than the minutia's only one.
 * Rounds 2–3 weigh today's pairs by minutia quality, (q̃a · q̃b)^γ with γ 0.5 / 1 / 2 named in
 * finger-vector-local.ts. Outcome (2026-12-02): every round-1 input loses on real prints; γ 1
 * through a projection fitted on generated templates plus synthetic fingers 2001–3500 passes the
 * declared rule and is not switched (docs/decisions/finger-vector-local.md).
 */
export const FINGER_VECTOR_LOCAL_STUDY = {
  pairRangesPx: { short: [10, 60], long: [10, 150] },
  triangles: {
    neighbours: 4,
    minSidePx: 10,
    maxSidePx: 90,
    sideBins: 4,
    angleBins: 8,
    directionBins: 8,
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
   * Search list length (search uses max(efSearch, k)); eight times the 2,500 shortlist. At 1M
   * (bench/identify.bench.ts, 280 FVC2002 probes, 2026-11-28) ef 5,000 put the mate in the
   * shortlist for 91.4% of probes while the exact cosine top 2,500 over the same vectors held it
   * for 96.8%: the graph, not the vector, was losing mates (six of exhaustive search's rank-1
   * mates had exact vector rank 1 yet were missed). ef 10,000 / 20,000: mate in shortlist 95.0 /
   * 96.8%, ANN recall of the top 2,500 80.8 / 89.4%, the index finds 114 of the 115 mates
   * exhaustive search ranks first (the miss has exact vector rank 24,637), p50 289 / 367 ms.
   * 20,000 recovers everything the exact vector ranking has, within the 500 ms p50 target.
   */
  efSearch: 20000,
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
   * ranks first (bench/finger-vector.bench.ts). At 1M, 4,000 / 5,000 at ef 10,000 / 20,000
   * found no more of exhaustive search's rank-1 mates than 2,500 and cost p50 414 / 567 ms.
   */
  shortlistLength: 2500,
  /** Candidates returned by default (the proto's server default is 20). */
  candidateListLength: 20,
} as const;
