import type { OrgUnit } from '../domain/index.js';

/** Size of a generated national tree: every parent gets exactly the given number of children. */
export interface NationalTreeOptions {
  provinces: number;
  upperPerProvince: number;
  basePerUpper: number;
  cellsPerBase: number;
  /** Rule set id; the 2025 shape (no territorial districts) by default. */
  term?: string;
  /** Seed of the generator that varies blocks and member counts (same seed, same tree). */
  seed?: number;
  idPrefix?: string;
}

/** mulberry32: a tiny seeded PRNG, enough to vary synthetic data reproducibly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const UPPER_BLOCKS = ['commune', 'commune', 'commune', 'ward', 'ward', 'upper_other'];
const BASE_BLOCKS = [
  'residential',
  'residential',
  'agencies',
  'schools',
  'enterprises',
  'armed_forces',
  'other',
];
const PROVINCE_WORKING_GROUPS = 8;
const UPPER_WORKING_GROUPS = 4;

/** Expected unit counts for the given options, by level and in total. */
export function nationalTreeCounts(o: NationalTreeOptions): {
  province: number;
  district: number;
  base: number;
  cell: number;
  total: number;
} {
  const district = o.provinces * o.upperPerProvince;
  const base = district * o.basePerUpper;
  const cell = base * o.cellsPerBase;
  return { province: o.provinces, district, base, cell, total: o.provinces + district + base + cell };
}

function assertOptions(o: NationalTreeOptions): void {
  for (const key of ['provinces', 'upperPerProvince', 'basePerUpper', 'cellsPerBase'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0)
      throw new Error(`${key} must be an integer ≥ 0, got ${o[key]}`);
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Streams a synthetic national tree for benchmarks, parents before children (depth-first): provinces →
 * upper-base units in the `district` slot (communes, wards, other) → base units → cells. Deterministic.
 * 34 provinces × 97 × 16 × 4 gives the 2025 shape: ~3,300 upper units, ~52,800 base units, ~211,000 cells.
 */
export function* generateNationalTree(options: NationalTreeOptions): Generator<OrgUnit> {
  assertOptions(options);
  const term = options.term ?? '2025-2030';
  const p = options.idPrefix ?? '';
  const random = seededRandom(options.seed ?? 2025);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const members = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  for (let pi = 1; pi <= options.provinces; pi += 1) {
    const province = `${p}p${pad(pi, 2)}`;
    yield {
      id: province,
      name: `Đảng bộ tỉnh ${pi}`,
      level: 'province',
      block: 'province',
      parentId: null,
      workingGroup: null,
      memberCount: members(60_000, 450_000),
      term,
    };
    for (let ui = 1; ui <= options.upperPerProvince; ui += 1) {
      const upper = `${province}-u${pad(ui, 3)}`;
      const wg = `${province}-wg-${((ui - 1) % PROVINCE_WORKING_GROUPS) + 1}`;
      yield {
        id: upper,
        name: `Đảng bộ cấp trên cơ sở ${pi}.${ui}`,
        level: 'district',
        block: pick(UPPER_BLOCKS),
        parentId: province,
        workingGroup: wg,
        memberCount: members(400, 4_000),
        term,
      };
      for (let bi = 1; bi <= options.basePerUpper; bi += 1) {
        const base = `${upper}-b${pad(bi, 3)}`;
        const block = pick(BASE_BLOCKS);
        const baseWg = `${upper}-wg-${((bi - 1) % UPPER_WORKING_GROUPS) + 1}`;
        yield {
          id: base,
          name: `Tổ chức cơ sở đảng ${pi}.${ui}.${bi}`,
          level: 'base',
          block,
          parentId: upper,
          workingGroup: baseWg,
          memberCount: members(10, 300),
          term,
        };
        for (let ci = 1; ci <= options.cellsPerBase; ci += 1) {
          yield {
            id: `${base}-c${pad(ci, 2)}`,
            name: `Chi bộ ${pi}.${ui}.${bi}.${ci}`,
            level: 'cell',
            block,
            parentId: base,
            workingGroup: null,
            memberCount: members(3, 40),
            term,
          };
        }
      }
    }
  }
}
