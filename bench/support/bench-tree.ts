/**
 * Trees for benchmarks: the national tree generator of src/org under one `central` root, so progress
 * can be read at the root, imported through the engine one province subtree at a time.
 */
import { generateNationalTree, type NationalTreeOptions } from '../../src/org/national-tree.js';
import type { Engine } from '../../src/engine/index.js';
import type { OrgUnit, Principal } from '../../src/domain/index.js';

/** The admin every benchmark imports as. */
export const BENCH_ADMIN: Principal = { id: 'bench-admin', role: 'admin' };

/** Id of the generated root. */
export const ROOT_ID = 'central';

/** The root unit every province hangs under. */
export function rootUnit(term = '2025-2030'): OrgUnit {
  return {
    id: ROOT_ID,
    name: 'Trung ương',
    level: 'central',
    block: 'central',
    parentId: null,
    workingGroup: null,
    memberCount: 5_600_000,
    term,
  };
}

/** Province subtrees of the generated tree, each a parents-first list with the province re-parented to the root. */
export function* provinceSubtrees(options: NationalTreeOptions): Generator<OrgUnit[]> {
  let current: OrgUnit[] = [];
  for (const unit of generateNationalTree(options)) {
    if (unit.level === 'province') {
      if (current.length > 0) yield current;
      current = [{ ...unit, parentId: ROOT_ID }];
    } else current.push(unit);
  }
  if (current.length > 0) yield current;
}

/**
 * Imports the root, then each province subtree (root row included so the file is self-contained; it
 * is reported unchanged). Calls `onBatch` with the number of units written by each call.
 */
export async function importNationalTree(
  engine: Engine,
  options: NationalTreeOptions,
  onBatch: (units: number) => void = () => undefined,
): Promise<number> {
  const root = rootUnit(options.term);
  let total = 0;
  for (const subtree of provinceSubtrees(options)) {
    const report = await engine.importTree(
      { format: 'json', content: JSON.stringify([root, ...subtree]) },
      BENCH_ADMIN,
    );
    total += report.created;
    onBatch(report.created);
  }
  return total;
}
