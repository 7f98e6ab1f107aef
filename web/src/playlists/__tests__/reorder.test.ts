import { moveAnnouncement, moveItem, reorderCommandForKey, type ReorderKeyEvent } from '../reorder';

const key = (k: string, altKey = false): ReorderKeyEvent => ({ key: k, altKey });

describe('moveItem', () => {
  it('moves an element up and down', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 1)).toEqual(['a', 'd', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('clamps the target and ignores a bad source', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 99)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, -5)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b'], 7, 0)).toEqual(['a', 'b']);
  });

  it('does not change the input', () => {
    const items = ['a', 'b'];
    moveItem(items, 0, 1);
    expect(items).toEqual(['a', 'b']);
  });
});

describe('reorderCommandForKey', () => {
  const at = (index: number, grabbed = false) => ({ index, length: 4, grabbed });

  it('moves one place with Alt+arrows, grabbed or not', () => {
    expect(reorderCommandForKey(key('ArrowUp', true), at(2))).toEqual({ kind: 'move', to: 1 });
    expect(reorderCommandForKey(key('ArrowDown', true), at(2))).toEqual({ kind: 'move', to: 3 });
  });

  it('does nothing past either end', () => {
    expect(reorderCommandForKey(key('ArrowUp', true), at(0))).toBeNull();
    expect(reorderCommandForKey(key('ArrowDown', true), at(3))).toBeNull();
    expect(reorderCommandForKey(key('ArrowDown'), at(3, true))).toBeNull();
  });

  it('grabs and drops with Space or Enter', () => {
    expect(reorderCommandForKey(key(' '), at(1))).toEqual({ kind: 'grab' });
    expect(reorderCommandForKey(key('Enter'), at(1, true))).toEqual({ kind: 'drop' });
  });

  it('moves with plain arrows, Home and End only while grabbed', () => {
    expect(reorderCommandForKey(key('ArrowDown'), at(1))).toBeNull();
    expect(reorderCommandForKey(key('ArrowDown'), at(1, true))).toEqual({ kind: 'move', to: 2 });
    expect(reorderCommandForKey(key('Home'), at(2, true))).toEqual({ kind: 'move', to: 0 });
    expect(reorderCommandForKey(key('End'), at(1, true))).toEqual({ kind: 'move', to: 3 });
  });

  it('cancels with Escape while grabbed, and leaves other keys alone', () => {
    expect(reorderCommandForKey(key('Escape'), at(1, true))).toEqual({ kind: 'cancel' });
    expect(reorderCommandForKey(key('Escape'), at(1))).toBeNull();
    expect(reorderCommandForKey(key('Tab'), at(1, true))).toBeNull();
  });
});

describe('moveAnnouncement', () => {
  it('counts positions from 1', () => {
    expect(moveAnnouncement('Song', 0, 3)).toBe('Song moved to position 1 of 3.');
  });
});
