/**
 * In-process serialisation of appends per unit. Concurrent dispatches to one unit from the same
 * process would otherwise all read the same version and all but one lose the compare-and-set; queuing
 * them here turns those retries into a short wait. Other processes are still kept apart by the CAS.
 */
export interface UnitLocks {
  /** Runs `task` after every earlier task for `unitId` has settled. */
  run<T>(unitId: string, task: () => Promise<T>): Promise<T>;
}

/** A fresh set of per-unit queues. */
export function createUnitLocks(): UnitLocks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(unitId: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(unitId) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(unitId, tail);
      // Forget the queue once it drains so the map does not grow with every unit ever touched.
      void tail.then(() => {
        if (tails.get(unitId) === tail) tails.delete(unitId);
      });
      return result;
    },
  };
}
