/**
 * The FVC comparison protocol over a folder of `F_I.ext` samples (finger F, impression I), after
 * Maio et al., "FVC2002: Second Fingerprint Verification Competition" (ICPR 2002), §2:
 * - genuine: every pair of impressions of the same finger, each pair once (10 × 28 = 280);
 * - impostor: impression 1 of each finger against impression 1 of every other finger, once (45);
 * - extended impostor (ours, for tighter FMR estimates): every pair of impressions of different
 *   fingers (2,880 for 10 × 8);
 * - rank-1 identification: impressions 2..n as probes against a gallery of the first impressions.
 */

export interface Sample {
  finger: string;
  impression: number;
  file: string;
}

const NAME = /^(\d+)_(\d+)\.([A-Za-z0-9]+)$/;

/** The samples of a folder listing with the given extension(s), sorted by finger then impression. */
export function fvcSamples(fileNames: string[], extensions: string[]): Sample[] {
  const wanted = new Set(extensions.map((e) => e.toLowerCase()));
  const out: Sample[] = [];
  for (const file of fileNames) {
    const m = NAME.exec(file);
    if (!m || !wanted.has(m[3].toLowerCase())) continue;
    out.push({ finger: m[1], impression: Number(m[2]), file });
  }
  out.sort((a, b) => Number(a.finger) - Number(b.finger) || a.finger.localeCompare(b.finger) || a.impression - b.impression);
  return out;
}

export type Pair = readonly [probe: number, candidate: number];

export interface Protocol {
  genuine: Pair[];
  impostor: Pair[];
  extendedImpostor: Pair[];
  /** Probe sample index and the gallery (first impressions) it is searched against. */
  rankProbes: number[];
  gallery: number[];
}

export function fvcProtocol(samples: Sample[]): Protocol {
  const genuine: Pair[] = [];
  const impostor: Pair[] = [];
  const extendedImpostor: Pair[] = [];
  const firstOf = new Map<string, number>();
  samples.forEach((s, i) => {
    const first = firstOf.get(s.finger);
    if (first === undefined || samples[first].impression > s.impression) firstOf.set(s.finger, i);
  });
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      if (samples[i].finger === samples[j].finger) genuine.push([i, j]);
      else {
        extendedImpostor.push([i, j]);
        if (firstOf.get(samples[i].finger) === i && firstOf.get(samples[j].finger) === j) impostor.push([i, j]);
      }
    }
  }
  const gallery = [...firstOf.values()].sort((a, b) => a - b);
  const inGallery = new Set(gallery);
  const rankProbes = samples.map((_, i) => i).filter((i) => !inGallery.has(i));
  return { genuine, impostor, extendedImpostor, rankProbes, gallery };
}

/**
 * Share of probes whose mate in the gallery scores strictly above every other gallery entry
 * (a tie with a non-mate counts as a miss). `score(probe, galleryEntry)`.
 */
export function rank1Rate(samples: Sample[], protocol: Protocol, score: (probe: number, candidate: number) => number): number {
  if (protocol.rankProbes.length === 0) return 0;
  let hits = 0;
  for (const p of protocol.rankProbes) {
    let mate = Number.NEGATIVE_INFINITY;
    let best = Number.NEGATIVE_INFINITY;
    for (const g of protocol.gallery) {
      const s = score(p, g);
      if (samples[g].finger === samples[p].finger) mate = s;
      else if (s > best) best = s;
    }
    if (mate > best) hits++;
  }
  return hits / protocol.rankProbes.length;
}
