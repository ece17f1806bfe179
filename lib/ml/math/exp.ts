/**
 * A deterministic `exp`: fdlibm's `__ieee754_exp` (error < 1 ulp) built only from IEEE-754 +, −, ×, ÷, so it
 * returns the same bits in every JavaScript engine. `Math.exp` does not: Node 20's V8 and current Chromium's
 * differ in the last bits for about 9 % of inputs, which would make a model score differently in the browser
 * and on the server.
 */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e0;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.45133219101941108420e2;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

const scratch = new DataView(new ArrayBuffer(8));

/** 2^n for integer n in [-1022, 1023], built from its bits. */
function pow2(n: number): number {
  scratch.setUint32(0, (n + 1023) << 20);
  scratch.setUint32(4, 0);
  return scratch.getFloat64(0);
}

export function exp(x: number): number {
  if (x !== x) return NaN;
  if (x > O_THRESHOLD) return Infinity;
  if (x < U_THRESHOLD) return 0;
  const ax = x < 0 ? -x : x;
  let hi = 0;
  let lo = 0;
  let k = 0;
  let r = x;
  if (ax > 0.34657359027997264) {
    // |x| > ln2 / 2: reduce x = k·ln2 + r, |r| ≤ ln2 / 2.
    if (ax < 1.0397207708399179) {
      k = x < 0 ? -1 : 1;
    } else {
      const t = INV_LN2 * x + (x < 0 ? -0.5 : 0.5);
      k = t < 0 ? Math.ceil(t) : Math.floor(t); // truncation toward zero, as the C (int) cast
    }
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
    r = hi - lo;
  } else if (ax < 3.725290298461914e-9) {
    return 1 + x; // |x| < 2^-28
  }
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((r * c) / (c - 2) - r);
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  if (k > 1023) return y * pow2(1023) * pow2(k - 1023);
  if (k < -1021) return y * pow2(k + 1000) * pow2(-1000);
  return y * pow2(k);
}

/** The logistic function 1 / (1 + e^−x), with the deterministic exp. */
export function sigmoid(x: number): number {
  return 1 / (1 + exp(-x));
}
