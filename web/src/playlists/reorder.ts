/**
 * Reordering a playlist with the keyboard (and the pure list move shared with drag and drop).
 *
 * Each row has a grab handle (a button). Two ways to move a row:
 * - Alt+ArrowUp / Alt+ArrowDown on the handle move it one place at once;
 * - Space or Enter "grabs" it; then ArrowUp/ArrowDown (Home/End) move it, Space/Enter drops it
 *   where it is (the move is saved), Escape puts it back where it was.
 * Every move is announced in a live region ("… moved to position 3 of 12").
 */

/** `items` with the element at `from` moved to index `to` (both clamped). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items];
  if (from < 0 || from >= result.length) return result;
  const target = Math.min(Math.max(0, to), result.length - 1);
  const [moved] = result.splice(from, 1);
  result.splice(target, 0, moved as T);
  return result;
}

export interface ReorderKeyEvent {
  key: string;
  altKey: boolean;
}

export type ReorderCommand =
  { kind: 'move'; to: number } | { kind: 'grab' } | { kind: 'drop' } | { kind: 'cancel' };

/**
 * What a key on the grab handle of the row at `index` (of `length`) does, or null when it does
 * nothing (the browser keeps its default, e.g. Tab).
 */
export function reorderCommandForKey(
  event: ReorderKeyEvent,
  state: { index: number; length: number; grabbed: boolean },
): ReorderCommand | null {
  const { index, length, grabbed } = state;
  const to = (target: number): ReorderCommand | null => {
    const clamped = Math.min(Math.max(0, target), length - 1);
    return clamped === index ? null : { kind: 'move', to: clamped };
  };
  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    return to(index + (event.key === 'ArrowUp' ? -1 : 1));
  }
  if (event.key === ' ' || event.key === 'Enter')
    return grabbed ? { kind: 'drop' } : { kind: 'grab' };
  if (!grabbed) return null;
  switch (event.key) {
    case 'ArrowUp':
      return to(index - 1);
    case 'ArrowDown':
      return to(index + 1);
    case 'Home':
      return to(0);
    case 'End':
      return to(length - 1);
    case 'Escape':
      return { kind: 'cancel' };
    default:
      return null;
  }
}

/** The live region's text after a move (positions counted from 1). */
export function moveAnnouncement(title: string, index: number, length: number): string {
  return `${title} moved to position ${index + 1} of ${length}.`;
}

export function grabAnnouncement(title: string, index: number, length: number): string {
  return `${title} grabbed, position ${index + 1} of ${length}. Use the arrow keys to move it, Space to drop, Escape to cancel.`;
}

export function dropAnnouncement(title: string, index: number, length: number): string {
  return `${title} dropped at position ${index + 1} of ${length}.`;
}

export function cancelAnnouncement(title: string, index: number, length: number): string {
  return `Move cancelled. ${title} is back at position ${index + 1} of ${length}.`;
}
