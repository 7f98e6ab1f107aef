'use client';

import { useCallback, useSyncExternalStore } from 'react';

/**
 * The "Normalise volume" setting: on by default (as in Spotify and SoundCloud), remembered in
 * localStorage per browser, the same in every tab (the `storage` event).
 */
export const NORMALISE_STORAGE_KEY = 'groovy.player.normaliseVolume';

/** The stored value → the setting: anything but an explicit "off" is on. */
export function parseNormaliseSetting(stored: string | null): boolean {
  return stored !== 'off';
}

const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return parseNormaliseSetting(window.localStorage.getItem(NORMALISE_STORAGE_KEY));
  } catch {
    return true; // storage disabled: the default
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === NORMALISE_STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useNormaliseSetting(): [boolean, (on: boolean) => void] {
  const enabled = useSyncExternalStore(subscribe, read, () => true);
  const set = useCallback((on: boolean) => {
    try {
      window.localStorage.setItem(NORMALISE_STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // storage disabled: the setting lasts until the page is left
    }
    for (const listener of listeners) listener();
  }, []);
  return [enabled, set];
}
