/** A promise awaited later: its failure must not count as unhandled in the meantime. */
export function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
