/**
 * Client-side checks mirroring the auth subgraph's obvious rules. The server stays the authority:
 * these only spare a round trip and give instant feedback.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
export const DISPLAY_NAME_MAX_LENGTH = 50;
export const API_KEY_NAME_MAX_LENGTH = 100;

// Deliberately permissive (one @, a dot in the domain, no spaces): the server decides the rest.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function validateEmail(value: string): string | undefined {
  const email = value.trim();
  if (email === '') return 'Enter your email address.';
  if (email.length > 254 || !EMAIL_PATTERN.test(email))
    return 'Enter an email address like name@example.com.';
  return undefined;
}

/** For sign-in we only require something: old accounts may predate today's rules. */
export function validatePasswordPresent(value: string): string | undefined {
  return value === '' ? 'Enter your password.' : undefined;
}

export function validateNewPassword(value: string): string | undefined {
  if (value === '') return 'Choose a password.';
  if ([...value].length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if ([...value].length > PASSWORD_MAX_LENGTH)
    return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return undefined;
}

export function validateDisplayName(value: string): string | undefined {
  const name = value.trim();
  if (name === '') return 'Enter a display name.';
  if ([...name].length > DISPLAY_NAME_MAX_LENGTH)
    return `Use at most ${DISPLAY_NAME_MAX_LENGTH} characters.`;
  return undefined;
}

export function validateApiKeyName(value: string): string | undefined {
  const name = value.trim();
  if (name === '') return 'Give the key a name, e.g. "My player app".';
  if ([...name].length > API_KEY_NAME_MAX_LENGTH)
    return `Use at most ${API_KEY_NAME_MAX_LENGTH} characters.`;
  return undefined;
}

export interface SignUpValues {
  email: string;
  password: string;
  displayName: string;
}

export function validateSignUp(values: SignUpValues): FieldErrors<keyof SignUpValues> {
  return compact({
    displayName: validateDisplayName(values.displayName),
    email: validateEmail(values.email),
    password: validateNewPassword(values.password),
  });
}

export interface SignInValues {
  email: string;
  password: string;
}

export function validateSignIn(values: SignInValues): FieldErrors<keyof SignInValues> {
  return compact({
    email: validateEmail(values.email),
    password: validatePasswordPresent(values.password),
  });
}

export interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function validateChangePassword(
  values: ChangePasswordValues,
): FieldErrors<keyof ChangePasswordValues> {
  return compact({
    currentPassword: validatePasswordPresent(values.currentPassword),
    newPassword:
      validateNewPassword(values.newPassword) ??
      (values.newPassword === values.currentPassword
        ? 'Choose a password different from the current one.'
        : undefined),
    confirmPassword:
      values.confirmPassword === ''
        ? 'Repeat the new password.'
        : values.confirmPassword !== values.newPassword
          ? 'The passwords do not match.'
          : undefined,
  });
}

function compact<K extends string>(errors: Record<K, string | undefined>): FieldErrors<K> {
  const out: FieldErrors<K> = {};
  for (const key of Object.keys(errors) as K[]) {
    const message = errors[key];
    if (message !== undefined) out[key] = message;
  }
  return out;
}
