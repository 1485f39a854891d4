/**
 * Defines an enumerable field whose value is built by `build` the first time it is read, and is
 * an ordinary data field from then on. Reading it (directly, by spreading, `JSON.stringify`,
 * `structuredClone`) gives the built value; assigning it replaces it. The engine uses this for
 * the parts of a snapshot that grow with the promotion (records, state), so that yielding a
 * snapshot costs the same at step 5,000 as at step 1 while it still reads as a plain object.
 * `build` must give the same answer whenever it is called (it closes over immutable data).
 */
export function defineLazyField<T extends object>(target: T, key: string, build: () => unknown): void {
  let built = false;
  let cached: unknown;
  const settle = (value: unknown): void => {
    built = true;
    cached = value;
    // A caller may have frozen the object before reading the field: then the accessor stays.
    if (Object.getOwnPropertyDescriptor(target, key)?.configurable === true) {
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    }
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!built) settle(build());
      return cached;
    },
    set(value: unknown) {
      settle(value);
    },
  });
}
