/**
 * Exact share arithmetic. Rule sets store shares as JS numbers (2/3, 0.5, 0.15), but comparing
 * `attended >= 2/3 * summoned` in floating point misrounds at the boundary (2/3 * 30 = 19.999…),
 * so every threshold is first turned back into the small fraction it was written as.
 */
export interface Fraction {
  num: number;
  den: number;
}

const MAX_DENOMINATOR = 10_000;
const TOLERANCE = 1e-9;

/** The fraction with the smallest denominator (≤ 10,000) within 1e-9 of `share`, via continued fractions. */
export function toFraction(share: number): Fraction {
  if (!Number.isFinite(share) || share < 0)
    throw new Error(`Share must be a finite number ≥ 0, got ${share}`);
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let x = share;
  for (let i = 0; i < 64; i += 1) {
    const a = Math.floor(x);
    [h0, h1] = [h1, a * h1 + h0];
    [k0, k1] = [k1, a * k1 + k0];
    if (k1 > MAX_DENOMINATOR) return { num: h0, den: k0 };
    if (Math.abs(h1 / k1 - share) < TOLERANCE || x === a) break;
    x = 1 / (x - a);
  }
  return { num: h1, den: k1 };
}

/** ⌈share × n⌉ on integers (an exact integer quotient is exactly representable, so floor is safe). */
export function ceilShareOf(share: number, n: number): number {
  const { num, den } = toFraction(share);
  return Math.floor((num * n + den - 1) / den);
}

/** ⌊share × n⌋ on integers. */
export function floorShareOf(share: number, n: number): number {
  const { num, den } = toFraction(share);
  return Math.floor((num * n) / den);
}

/** Whether a/b lies within [low, high], comparing on integers. */
export function ratioWithin(a: number, b: number, low: number, high: number): boolean {
  const lo = toFraction(low);
  const hi = toFraction(high);
  return a * lo.den >= lo.num * b && a * hi.den <= hi.num * b;
}

/** Whether a/b ≤ limit, comparing on integers. */
export function ratioAtMost(a: number, b: number, limit: number): boolean {
  const { num, den } = toFraction(limit);
  return a * den <= num * b;
}
