/**
 * Per-caller rate limits: one token bucket per key (an agency), refilled at `ratePerSecond` up to
 * `burst` tokens; each call takes one. Pure: the clock is a parameter.
 *
 * Memory stays bounded: a bucket that has refilled to full carries no information (a new bucket
 * starts full), so full buckets are dropped when the table grows past `maxKeys`.
 */
export interface RateLimitOptions {
  /** Sustained calls per second per key; 0 turns the limit off. */
  ratePerSecond: number;
  /** Calls a key may make at once after being idle; at least 1. */
  burst: number;
  /** Buckets kept before full ones are swept (default 10,000). */
  maxKeys?: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(private readonly options: RateLimitOptions) {
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  get enabled(): boolean {
    return this.options.ratePerSecond > 0;
  }

  /** Takes one token for `key` at time `nowMs`; when none is left, says how long until one is. */
  take(key: string, nowMs: number = performance.now()): RateDecision {
    const { ratePerSecond: rate, burst } = this.options;
    if (rate <= 0) return { allowed: true };
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.sweep(nowMs);
      b = { tokens: burst, at: nowMs };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(burst, b.tokens + ((nowMs - b.at) * rate) / 1000);
      b.at = nowMs;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(((1 - b.tokens) * 1000) / rate)) };
  }

  private sweep(nowMs: number): void {
    const { ratePerSecond: rate, burst } = this.options;
    for (const [k, b] of this.buckets) if (b.tokens + ((nowMs - b.at) * rate) / 1000 >= burst) this.buckets.delete(k);
  }
}
