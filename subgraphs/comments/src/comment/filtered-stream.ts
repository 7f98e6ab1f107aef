/**
 * `source` without the values `keep` refuses (decided one value at a time, in order). Ending it
 * (`return`) ends `source` at once, even while a `next` is waiting: a client that unsubscribes leaves
 * no listener behind.
 */
export function filteredStream<T>(
  source: AsyncIterator<T>,
  keep: (value: T) => boolean | Promise<boolean>,
): AsyncIterableIterator<T> {
  const stream: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done || (await keep(result.value))) return result;
      }
    },
    async return(value?: unknown) {
      await source.return?.(value);
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      if (source.throw) return source.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
