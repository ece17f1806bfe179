/**
 * numpy `RandomState`-compatible MT19937 (legacy seeding, `random_interval` shuffles), so that seeded
 * subsampling and stratified splits reproduce scikit-learn's index draws for the same `random_state`.
 */
const N = 624;
const M = 397;

export class RandomState {
  private readonly mt = new Uint32Array(N);
  private mti = N;

  /** @param seed integer in [0, 2^32 - 1], as `numpy.random.RandomState(seed)`. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`random_state must be an integer in [0, 4294967295], got ${seed}`);
    }
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = N;
  }

  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    let y = 0;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    this.mti = 0;
  }

  /** Next raw 32-bit output (unsigned). */
  nextUint32(): number {
    if (this.mti >= N) this.twist();
    let y = this.mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Double in [0, 1) with 53 random bits, as numpy `random_sample`. */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform integer in [0, max] (max < 2^32) by masked rejection, as numpy `random_interval`. */
  randomInterval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let v = (this.nextUint32() & mask) >>> 0;
    while (v > max) v = (this.nextUint32() & mask) >>> 0;
    return v;
  }

  /** In-place Fisher–Yates shuffle, same draw order as numpy `shuffle` on a 1-d array. */
  shuffle(arr: Uint32Array | Int32Array | Float64Array): void {
    for (let i = arr.length - 1; i >= 1; i--) {
      const j = this.randomInterval(i);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
  }

  /** numpy `permutation(n)`. */
  permutation(n: number): Uint32Array {
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }

  /** numpy `randint(2**32 - 1, dtype='u8')` as used by sklearn to derive `_random_seed`. */
  randomSeedUint32(): number {
    let v = this.nextUint32();
    while (v > 0xfffffffe) v = this.nextUint32();
    return v;
  }
}

/** A seed for `random_state = null`: not reproducible by design. */
export function entropySeed(): number {
  return Math.floor(Math.random() * 0xffffffff) >>> 0;
}
