/**
 * Seeded pseudo-random numbers for the synthetic source: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic
 * PRNG, 128-bit state, passes PractRand) seeded through splitmix32. Pure, isomorphic, no `Math.random`.
 */

/** A 32-bit avalanche mix (splitmix32 finaliser); maps any integer to a well-spread uint32. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Combines integers (e.g. a run seed and a customer index) into one uint32 seed; order matters. */
export function hashSeed(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < parts.length; i++) h = mix32((h ^ mix32(parts[i] | 0)) + i);
  return h;
}

/** sfc32 generator. Every method advances the state; the same seed always yields the same sequence. */
export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = NaN;

  /** @param seed any number; only its low 32 bits are used. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Sfc32 seed must be finite, got ${seed}`);
    const s = seed >>> 0;
    this.a = mix32(s);
    this.b = mix32(s + 1);
    this.c = mix32(s + 2);
    this.d = 1;
    // Discard the warm-up outputs so nearby seeds decorrelate.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Uniform uint32 in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number {
    return min + Math.floor(this.next() * (maxExclusive - min));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal N(0, 1) by Box–Muller; caches the second variate. */
  normal(): number {
    const spare = this.spareNormal;
    if (spare === spare) {
      this.spareNormal = NaN;
      return spare;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Index drawn from unnormalised non-negative weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** Uniform element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** A generator for `seed`, optionally for an independent sub-stream (e.g. one per customer). */
export function createRng(seed: number, stream?: number): Sfc32 {
  return new Sfc32(stream === undefined ? seed : hashSeed(seed, stream));
}

/**
 * mulberry32: a tiny seeded PRNG → a function returning numbers in [0, 1). Lighter than `Sfc32` where a short,
 * reproducible stream is all that is needed (splits, shuffles, resampling); the same seed always yields the same
 * sequence.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
