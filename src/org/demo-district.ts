import type { OrgUnit } from '../domain/index.js';
import { distribute } from './distribute.js';

/** The shape of Đống Đa district in June 2020 (DOMAIN.md §7), as the demo reproduces it. */
export const DONG_DA_COUNTS = {
  provinces: 1,
  districts: 1,
  baseUnits: 82,
  wardBaseUnits: 21,
  otherBaseUnits: 61,
  cells: 834,
  workingGroups: 12,
  total: 918,
} as const;

const WARDS = [
  'Cát Linh',
  'Hàng Bột',
  'Khâm Thiên',
  'Khương Thượng',
  'Kim Liên',
  'Láng Hạ',
  'Láng Thượng',
  'Nam Đồng',
  'Ngã Tư Sở',
  'Ô Chợ Dừa',
  'Phương Liên',
  'Phương Mai',
  'Quang Trung',
  'Quốc Tử Giám',
  'Thịnh Quang',
  'Thổ Quan',
  'Trung Liệt',
  'Trung Phụng',
  'Trung Tự',
  'Văn Chương',
  'Văn Miếu',
];

/** The 61 non-ward base units by block (Vietnamese label, count). */
const OTHER_BLOCKS: [block: string, label: string, count: number][] = [
  ['agencies', 'Đảng bộ cơ quan', 20],
  ['enterprises', 'Đảng bộ doanh nghiệp', 18],
  ['schools', 'Chi bộ trường', 15],
  ['armed_forces', 'Đảng bộ lực lượng vũ trang', 4],
  ['other', 'Chi bộ cơ sở', 4],
];

const TERM = '2020-2025';
const WARD_CELLS = 546;
const OTHER_CELLS = DONG_DA_COUNTS.cells - WARD_CELLS;
const pad = (n: number): string => String(n).padStart(2, '0');

interface BaseSpec {
  id: string;
  name: string;
  block: string;
  cells: number;
}

/** Wards hold most cells (residential groups); one in five other units is a chi bộ cơ sở with none. */
function baseSpecs(p: string): BaseSpec[] {
  const wardCells = distribute(
    WARD_CELLS,
    WARDS.map((_, i) => 20 + ((i * 7) % 11)),
  );
  const wards = WARDS.map((name, i) => ({
    id: `${p}dd-w${pad(i + 1)}`,
    name: `Đảng bộ phường ${name}`,
    block: 'ward',
    cells: wardCells[i] ?? 0,
  }));
  const others = OTHER_BLOCKS.flatMap(([block, label, count]) =>
    Array.from({ length: count }, (_, i) => ({
      id: `${p}dd-${block.replace('_', '-')}-${pad(i + 1)}`,
      name: `${label} ${i + 1}`,
      block,
    })),
  );
  const hasCells = others.map((_, j) => j % 5 !== 4);
  const otherCells = distribute(
    OTHER_CELLS,
    others.map((_, j) => (hasCells[j] ? 3 + ((j * 5) % 8) : 0)),
  );
  return [...wards, ...others.map((o, j) => ({ ...o, cells: otherCells[j] ?? 0 }))];
}

/** Cells of 3–40 full members; about one in six has fewer than 9 and elects only a secretary. */
function cellMembers(k: number): number {
  return 3 + ((k * 13) % 38);
}

function unit(fields: Omit<OrgUnit, 'term'>): OrgUnit {
  return { ...fields, term: TERM };
}

/**
 * A deterministic district shaped like Đống Đa in 2020: the Hanoi city committee as root, the district,
 * 82 base units (21 wards + 61 agencies, enterprises, schools, armed forces, other) and 834 cells, with
 * 12 working groups (`wg-1`…`wg-12`) assigned round-robin to base units. `idPrefix` prefixes every unit and
 * working-group id so several copies can live side by side. Parents come before children.
 */
export function buildDongDaDistrict(options: { idPrefix?: string } = {}): OrgUnit[] {
  const p = options.idPrefix ?? '';
  const bases: OrgUnit[] = [];
  const cells: OrgUnit[] = [];
  let k = 0;
  baseSpecs(p).forEach((spec, i) => {
    const own = Array.from({ length: spec.cells }, (_, c) => {
      k += 1;
      const name = `Chi bộ ${c + 1}, ${spec.name}`;
      return unit({
        id: `${spec.id}-c${pad(c + 1)}`,
        name,
        level: 'cell',
        block: spec.block,
        parentId: spec.id,
        workingGroup: null,
        memberCount: cellMembers(k),
      });
    });
    const members = own.length > 0 ? own.reduce((n, c) => n + c.memberCount, 0) : 12 + ((i * 7) % 30);
    bases.push(
      unit({
        id: spec.id,
        name: spec.name,
        level: 'base',
        block: spec.block,
        parentId: `${p}dong-da`,
        workingGroup: `${p}wg-${(i % 12) + 1}`,
        memberCount: members,
      }),
    );
    cells.push(...own);
  });
  const districtMembers = bases.reduce((n, b) => n + b.memberCount, 0);
  return [
    unit({
      id: `${p}hanoi`,
      name: 'Đảng bộ thành phố Hà Nội',
      level: 'province',
      block: 'city',
      parentId: null,
      workingGroup: null,
      memberCount: 450_000,
    }),
    unit({
      id: `${p}dong-da`,
      name: 'Đảng bộ quận Đống Đa',
      level: 'district',
      block: 'urban_district',
      parentId: `${p}hanoi`,
      workingGroup: `${p}hanoi-wg-3`,
      memberCount: districtMembers,
    }),
    ...bases,
    ...cells,
  ];
}
