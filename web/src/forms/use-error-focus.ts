'use client';

import { useCallback, useEffect, useState, type RefObject } from 'react';

/**
 * Focus management after a failed submit: once the errors have rendered, move focus to the first
 * invalid field, or to the form-level alert when no field is at fault.
 */
export function useErrorFocus(
  formRef: RefObject<HTMLFormElement | null>,
  alertRef: RefObject<HTMLDivElement | null>,
) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (tick === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? alertRef.current)?.focus();
  }, [tick, formRef, alertRef]);
  return useCallback(() => setTick((t) => t + 1), []);
}
