/**
 * Turns GraphQL errors (API.md: `extensions.code`, `extensions.field` on BAD_USER_INPUT,
 * `extensions.retryAfterSeconds` on RATE_LIMITED) into what a form shows: one message per field
 * plus one form-level message. Pure, so it is shared by next-auth callbacks (server) and forms (browser).
 */

export interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown> | null | undefined;
}

/** Codes from API.md plus SERVICE_UNAVAILABLE, used when the router cannot be reached. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | (string & {});

export interface FormErrors {
  /** Message per form field name (e.g. `email`, `password`, `displayName`). */
  fields: Record<string, string>;
  /** Message for the whole form (shown above the submit button), if any. */
  form?: string;
  /** The most significant error code, for callers that branch on it (e.g. redirect on UNAUTHENTICATED). */
  code?: ErrorCode;
  retryAfterSeconds?: number;
}

export const SERVICE_UNAVAILABLE_MESSAGE =
  'Groovy is having trouble reaching its servers right now. Please try again in a moment.';

const GENERIC_MESSAGE = 'Something went wrong on our side. Please try again.';

/** Human wait time: "45 seconds", "2 minutes", "1 hour". */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

function readString(
  ext: Record<string, unknown> | null | undefined,
  key: string,
): string | undefined {
  const value = ext?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readSeconds(ext: Record<string, unknown> | null | undefined): number | undefined {
  const value = ext?.retryAfterSeconds;
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * Maps an API field path to a form field name. The server may name a nested input field
 * (`input.displayName`) or an argument (`displayName`); forms use the last segment.
 */
export function formFieldName(field: string): string {
  const parts = field.split('.').filter(Boolean);
  return parts[parts.length - 1] ?? field;
}

export interface FormMessageOverrides {
  /** Per-code override of the form-level message, e.g. `{ UNAUTHENTICATED: 'Wrong email or password.' }`. */
  byCode?: Partial<Record<string, string>>;
  /** Only these fields exist in the form; errors for other fields become form-level messages. */
  knownFields?: readonly string[];
}

export function formErrorsFromGraphQL(
  errors: readonly GraphQLErrorLike[],
  overrides: FormMessageOverrides = {},
): FormErrors {
  const result: FormErrors = { fields: {} };
  const formMessages: string[] = [];
  for (const error of errors) {
    const ext = error.extensions ?? undefined;
    const code = readString(ext, 'code') ?? 'INTERNAL_SERVER_ERROR';
    result.code ??= code;
    const override = overrides.byCode?.[code];
    if (code === 'BAD_USER_INPUT') {
      const field = readString(ext, 'field');
      const name = field ? formFieldName(field) : undefined;
      if (name && (!overrides.knownFields || overrides.knownFields.includes(name))) {
        result.fields[name] ??= error.message;
        continue;
      }
      formMessages.push(override ?? error.message);
      continue;
    }
    if (code === 'RATE_LIMITED') {
      const wait = readSeconds(ext);
      if (wait !== undefined) result.retryAfterSeconds = wait;
      formMessages.push(
        override ??
          (wait !== undefined
            ? `Too many attempts. Please wait ${formatWait(wait)} and try again.`
            : 'Too many attempts. Please wait a little and try again.'),
      );
      continue;
    }
    if (code === 'CONFLICT' || code === 'NOT_FOUND') {
      formMessages.push(override ?? error.message);
      continue;
    }
    if (code === 'UNAUTHENTICATED') {
      formMessages.push(override ?? 'Your session has ended. Please sign in again.');
      continue;
    }
    if (code === 'FORBIDDEN') {
      formMessages.push(override ?? 'You are not allowed to do that.');
      continue;
    }
    if (code === 'SERVICE_UNAVAILABLE') {
      formMessages.push(override ?? SERVICE_UNAVAILABLE_MESSAGE);
      continue;
    }
    // INTERNAL_SERVER_ERROR, validation and limit errors: the message is not meant for people.
    formMessages.push(override ?? GENERIC_MESSAGE);
  }
  const unique = [...new Set(formMessages)];
  if (unique.length > 0) result.form = unique.join(' ');
  return result;
}

export function serviceUnavailable(): FormErrors {
  return { fields: {}, form: SERVICE_UNAVAILABLE_MESSAGE, code: 'SERVICE_UNAVAILABLE' };
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.form !== undefined || Object.keys(errors.fields).length > 0;
}

/** The same errors without `field`'s message (the person is editing that field); the same object when there was none. */
export function clearFieldError(errors: FormErrors, field: string): FormErrors {
  if (!errors.fields[field]) return errors;
  const fields = { ...errors.fields };
  delete fields[field];
  return { ...errors, fields };
}
