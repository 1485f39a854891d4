import { createSimulationIds } from '../../controller/index.js';
import type { Clock, IdSource } from '../../ports/index.js';

/**
 * ULIDs (lower case, as Kargo writes them in Promotion names) made from the clock's time and a
 * counter in place of the random part: the simulator's ids, so they sort in creation order, like
 * real ULIDs, and are the same on every run of the demo.
 */
export function createDemoUlids(clock: Clock): IdSource {
  const ids = createSimulationIds(() => clock.now().getTime());
  return { next: () => ids.next().toLowerCase() };
}
