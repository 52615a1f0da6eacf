import type { Principal } from '../domain/index.js';
import type { Engine } from './engine.types.js';

const READER: Principal = { id: 'scope-oracle', role: 'system', kind: 'system' };

/**
 * Answers "is this scope inside that subtree?" from the organisation tree, for delegated account
 * administration (src/auth/account-scope.ts). Unknown units are inside nothing.
 */
export function createScopeOracle(engine: Engine) {
  const inSubtree = async (unitId: string, rootId: string): Promise<boolean> => {
    if (unitId === rootId)
      return await engine.ancestors(unitId).then(
        () => true,
        () => false,
      );
    const above = await engine.ancestors(unitId).catch(() => []);
    return above.some((u) => u.id === rootId);
  };
  return {
    inSubtree,
    async workingGroupInSubtree(workingGroup: string, rootId: string): Promise<boolean> {
      const { assignedUnitIds = [] } = await engine.me({ ...READER, role: 'working_group', workingGroup });
      if (assignedUnitIds.length === 0) return false;
      const inside = await Promise.all(assignedUnitIds.map((id) => inSubtree(id, rootId)));
      return inside.every(Boolean);
    },
  };
}
