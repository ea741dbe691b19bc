/** Small helpers shared by the candidate index implementations. */
import { EngineError } from '../../errors.js';

/** Refuses a vector of the wrong length or with non-finite entries (INVALID_ARGUMENT). */
export function checkVector(vector: ArrayLike<number>, dimension: number): void {
  if (vector === null || typeof vector !== 'object' || typeof vector.length !== 'number') {
    throw EngineError.invalidArgument('vector', 'must be an array of numbers');
  }
  if (vector.length !== dimension) {
    throw EngineError.invalidArgument('vector', `has length ${vector.length}, the index expects ${dimension}`);
  }
  for (let i = 0; i < dimension; i++) {
    if (!Number.isFinite(vector[i])) throw EngineError.invalidArgument('vector', 'has a non-finite entry');
  }
}

/** Keeps the k entries of highest score seen (a binary min-heap on score). */
export class TopK {
  private readonly keys: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly k: number) {}

  /** Lowest score kept, or -Infinity while not full. */
  get floor(): number {
    return this.keys.length < this.k ? -Infinity : this.scores[0];
  }

  offer(key: number, score: number): void {
    if (this.k <= 0) return;
    const keys = this.keys;
    const scores = this.scores;
    if (keys.length < this.k) {
      let i = keys.length;
      keys.push(key);
      scores.push(score);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (scores[p] <= scores[i]) break;
        swap(keys, scores, i, p);
        i = p;
      }
      return;
    }
    if (score <= scores[0]) return;
    keys[0] = key;
    scores[0] = score;
    let i = 0;
    const n = keys.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && scores[l] < scores[m]) m = l;
      if (r < n && scores[r] < scores[m]) m = r;
      if (m === i) break;
      swap(keys, scores, i, m);
      i = m;
    }
  }

  /** [key, score] pairs, highest score first. */
  sorted(): [number, number][] {
    return this.keys.map((k, i): [number, number] => [k, this.scores[i]]).sort((a, b) => b[1] - a[1]);
  }
}

function swap(keys: number[], scores: number[], i: number, j: number): void {
  const k = keys[i];
  keys[i] = keys[j];
  keys[j] = k;
  const s = scores[i];
  scores[i] = scores[j];
  scores[j] = s;
}
