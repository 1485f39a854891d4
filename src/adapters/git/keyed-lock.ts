/** Tasks queued per key; see {@link createKeyedLock}. */
export interface KeyedLock {
  /** Runs `task` after every task queued earlier under the same key has finished. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Resolves once every task queued so far has finished (for closing down). */
  idle(): Promise<void>;
}

/**
 * Runs tasks one at a time per key, in the order they were queued: git locks refs and the index
 * while it works, so two calls on the same clone must not overlap. A failed task does not block the
 * ones after it.
 */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(task, task);
      const settled = next.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, settled);
      void settled.then(() => {
        if (tails.get(key) === settled) tails.delete(key);
      });
      return next;
    },
    async idle(): Promise<void> {
      await Promise.all([...tails.values()]);
    },
  };
}
