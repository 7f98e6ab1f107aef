/** Pure decisions behind the header search box (debounce, stale answers, keyboard navigation). */

export const SUGGEST_DEBOUNCE_MS = 150;
export const SUGGEST_MIN_LENGTH = 2;

/** The query to ask suggestions for, or null when the text is too short to be worth a request. */
export function suggestQuery(text: string): string | null {
  const q = text.trim().replace(/\s+/g, ' ');
  return q.length >= SUGGEST_MIN_LENGTH ? q.slice(0, 200) : null;
}

/**
 * Whether an answer may be shown: only the answer to the latest request, and only while the box
 * still holds the text it was asked for (a late answer to an older prefix is dropped).
 */
export function shouldApplyAnswer(
  answer: { requestId: number; query: string },
  latest: { requestId: number; text: string },
): boolean {
  return answer.requestId === latest.requestId && suggestQuery(latest.text) === answer.query;
}

/** A trailing debounce: each call restarts the wait; `cancel()` drops the pending call. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  waitMs = SUGGEST_DEBOUNCE_MS,
): ((...args: A) => void) & { cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, waitMs);
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}

/** ArrowDown/ArrowUp/Home/End over `count` options; -1 means none is highlighted. Wraps around. */
export function moveActiveIndex(
  current: number,
  key: 'ArrowDown' | 'ArrowUp' | 'Home' | 'End',
  count: number,
): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 || current >= count ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
}

/** Keeps a highlighted index valid when the option list changes (new answer): else none. */
export function clampActiveIndex(current: number, count: number): number {
  return current >= 0 && current < count ? current : -1;
}
