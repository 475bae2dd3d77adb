/**
 * Runs async work one piece at a time, in the order it was asked for. The background's stores
 * read, change and write the same storage keys; two of those running together would lose a write.
 * A failed piece does not stop the ones after it.
 */
export function createSerialQueue() {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
}
