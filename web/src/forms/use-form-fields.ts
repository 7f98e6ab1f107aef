'use client';

import { useCallback, useState } from 'react';
import { clearFieldError, type FormErrors } from '@/graphql/form-errors';

/**
 * A form's values and errors. `update(field)` makes a field's onValueChange: it sets the value
 * and clears that field's error, since the message is about what was there before.
 */
export function useFormFields<T extends object>(initial: T, initialErrors?: FormErrors) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FormErrors>(initialErrors ?? { fields: {} });
  const update = useCallback(
    (field: keyof T & string) => (value: string) => {
      setValues((v) => ({ ...v, [field]: value }));
      setErrors((e) => clearFieldError(e, field));
    },
    [],
  );
  return { values, setValues, errors, setErrors, update };
}
