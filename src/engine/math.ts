/**
 * Deterministic elementary functions. JavaScript engines may round Math.exp, Math.log and
 * Math.pow differently in the last bit (Node 20's V8 and current Chromium do), and a
 * simulation amplifies such differences month after month. These versions use only IEEE-754
 * basic operations (+, −, ×, ÷), which every engine rounds the same way, so a scenario and a
 * seed give bit-identical results in Node, in any browser and on any number of workers.
 *
 * Method (table-driven, as in fdlibm/CRlibm-style libraries): exp splits x = (k·128 + j)·ln2/128
 * + r and multiplies 2^k, a table value 2^(j/128) and a degree-6 polynomial in r; log splits
 * x = 2^k·m, looks up the nearest of 128 centres c in [1, 2) and adds log c to a degree-7
 * polynomial of log(1 + u), u = (m − c)/c. Tables are built once from exact series. Accuracy:
 * within a few units in the last place.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high (sign and exponent) word of a double in u32. */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

const LN2 = Math.LN2;
const LN2_HI = 0.6931471803691238; // upper 32 bits of ln 2: k·LN2_HI is exact for |k| < 2^20
const LN2_LO = 1.9082149292705877e-10; // ln 2 − LN2_HI
const STEPS = 128;
const STEP_HI = LN2_HI / STEPS;
const STEP_LO = LN2_LO / STEPS;
const INV_STEP = STEPS / LN2;

/** e^r for small r by its Taylor series (used to build the tables). */
function expSeries(r: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 25; n++) {
    term = (term * r) / n;
    sum += term;
  }
  return sum;
}

/** ln m for m near 1 by 2·atanh((m − 1)/(m + 1)) (used to build the tables). */
function logSeries(m: number): number {
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let sum = 0;
  for (let n = 41; n >= 3; n -= 2) sum = (sum + 1 / n) * s2;
  return 2 * s + 2 * s * sum;
}

/** |x − 1| below which log uses its own series (the error of the degree-9 series is below 1e-19 there). */
const NEAR_ONE = 1 / 128;

/** 2^(j/128), j = 0..127. */
const POW2_TABLE = Float64Array.from({ length: STEPS }, (_, j) => expSeries((j * LN2) / STEPS));
/** Centres c_j = 1 + (j + 0.5)/128 of [1, 2), their reciprocals and logarithms. */
const CENTRE = Float64Array.from({ length: STEPS }, (_, j) => 1 + (j + 0.5) / STEPS);
const INV_CENTRE = CENTRE.map((c) => 1 / c);
const LOG_CENTRE = CENTRE.map((c) => logSeries(c));
/** For m in [1.5, 2) the engine works with m/2 in [0.75, 1), so results near 1 do not cancel. */
const LOG_HALF_CENTRE = CENTRE.map((c) => logSeries(c / 2));
const HALF_FROM = STEPS / 2;

/** 2^k for an integer k in [−1022, 1023]. */
function powerOfTwo(k: number): number {
  u32[HIGH] = (k + 1023) << 20;
  u32[LOW] = 0;
  return f64[0];
}

/** e^x. */
export function exp(x: number): number {
  if (!(x <= 709.78)) return Number.isNaN(x) ? x : Number.POSITIVE_INFINITY;
  if (x < -745.13) return 0;
  const n = Math.floor(x * INV_STEP + 0.5);
  const j = n & (STEPS - 1);
  const k = (n - j) / STEPS;
  const r = x - n * STEP_HI - n * STEP_LO;
  const p = 1 + r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  const y = POW2_TABLE[j] * p;
  if (k > 1023) return y * powerOfTwo(1023) * powerOfTwo(k - 1023);
  if (k < -1022) return y * powerOfTwo(-1022) * powerOfTwo(k + 1022);
  return y * powerOfTwo(k);
}

/** Natural logarithm (NaN below 0, −Infinity at 0). */
export function log(x: number): number {
  if (!(x > 0)) return x === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  const d = x - 1;
  if (d < NEAR_ONE && d > -NEAR_ONE) {
    // Near 1, log(1 + d) directly: no cancellation between the table and the polynomial.
    return (
      d *
      (1 -
        d *
          (1 / 2 - d * (1 / 3 - d * (1 / 4 - d * (1 / 5 - d * (1 / 6 - d * (1 / 7 - d * (1 / 8 - d / 9))))))))
    );
  }
  f64[0] = x;
  const high = u32[HIGH];
  const biased = high >>> 20;
  if (biased === 0) return log(x * 18014398509481984) - 54 * LN2_HI - 54 * LN2_LO; // subnormal: × 2^54
  let k = biased - 1023;
  const j = (high >>> 13) & (STEPS - 1);
  u32[HIGH] = (high & 0x000fffff) | 0x3ff00000;
  let m = f64[0];
  let u: number;
  let logCentre: number;
  if (j < HALF_FROM) {
    u = (m - CENTRE[j]) * INV_CENTRE[j];
    logCentre = LOG_CENTRE[j];
  } else {
    // m in [1.5, 2): use m/2 and k + 1 (halving is exact).
    m *= 0.5;
    k += 1;
    u = (m - 0.5 * CENTRE[j]) * (2 * INV_CENTRE[j]);
    logCentre = LOG_HALF_CENTRE[j];
  }
  const p = u * (1 - u * (1 / 2 - u * (1 / 3 - u * (1 / 4 - u * (1 / 5 - u * (1 / 6 - u * (1 / 7)))))));
  return k * LN2_HI + (logCentre + (k * LN2_LO + p));
}

/** x^y for x ≥ 0. */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 0) return y > 0 ? 0 : Number.POSITIVE_INFINITY;
  return exp(y * log(x));
}

const HALF_PI_HI = 1.5707963267341256; // upper bits of π/2 (k·HALF_PI_HI exact for small k)
const HALF_PI_LO = 6.077100506506192e-11; // π/2 − HALF_PI_HI

/** sin r and cos r for |r| ≤ π/4 by their Taylor series (to r^17 and r^18). */
function sinSmall(r: number): number {
  const r2 = r * r;
  let sum = 0;
  let term = r;
  for (let n = 1; n <= 17; n += 2) {
    sum += term;
    term = (-term * r2) / ((n + 1) * (n + 2));
  }
  return sum;
}

function cosSmall(r: number): number {
  const r2 = r * r;
  let sum = 0;
  let term = 1;
  for (let n = 0; n <= 18; n += 2) {
    sum += term;
    term = (-term * r2) / ((n + 1) * (n + 2));
  }
  return sum;
}

/** Reduces x to r in [−π/4, π/4] with x = k·π/2 + r; returns the quadrant k mod 4 and r (|x| < 1e5). */
function reduce(x: number): [number, number] {
  const k = Math.floor(x / (HALF_PI_HI + HALF_PI_LO) + 0.5);
  return [((k % 4) + 4) % 4, x - k * HALF_PI_HI - k * HALF_PI_LO];
}

/** Sine of an angle in radians (|x| < 1e5). */
export function sin(x: number): number {
  const [q, r] = reduce(x);
  return q === 0 ? sinSmall(r) : q === 1 ? cosSmall(r) : q === 2 ? -sinSmall(r) : -cosSmall(r);
}

/** Cosine of an angle in radians (|x| < 1e5). */
export function cos(x: number): number {
  const [q, r] = reduce(x);
  return q === 0 ? cosSmall(r) : q === 1 ? -sinSmall(r) : q === 2 ? -cosSmall(r) : sinSmall(r);
}

/** Arctangent, by halving the argument until it is small and summing the series. */
export function atan(t: number): number {
  if (t < 0) return -atan(-t);
  if (t > 1) return HALF_PI_HI + HALF_PI_LO - atan(1 / t);
  // atan t = 2·atan(t / (1 + √(1 + t²))): twice brings t ≤ 1 below 0.2.
  const t1 = t / (1 + Math.sqrt(1 + t * t));
  const t2 = t1 / (1 + Math.sqrt(1 + t1 * t1));
  const s = t2 * t2;
  let sum = 0;
  for (let n = 31; n >= 3; n -= 2) sum = (sum + (((n - 1) / 2) % 2 === 0 ? 1 : -1) / n) * s;
  return 4 * (t2 + t2 * sum);
}

/** Arcsine, for x in [−1, 1]. */
export function asin(x: number): number {
  if (x < -1 || x > 1) return Number.NaN;
  return 2 * atan(x / (1 + Math.sqrt(1 - x * x)));
}
