// Cheap deterministic randomness for log lines: a line's content depends only on (container instance, line number).

/** FNV-1a over a string: the seed of a container instance from its container ID. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit values into a well-spread third (murmur3's finaliser over a ^ b·φ). */
export function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) for (seed, k, salt). */
export function unit(seed: number, k: number, salt: number): number {
  return mix(mix(seed, k), salt) / 4294967296;
}

/** A small generator (mulberry32) for the several draws one line needs. */
export class LineRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A rough log-normal around `median` (latencies). */
  logNormal(median: number, sigma: number): number {
    // Sum of uniforms ≈ normal; cheap and good enough for log lines.
    const z = (this.next() + this.next() + this.next() + this.next() - 2) * 1.732;
    return median * Math.exp(sigma * z);
  }
}
