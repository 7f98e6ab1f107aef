import {
  validateApiKeyName,
  validateChangePassword,
  validateDisplayName,
  validateEmail,
  validateNewPassword,
  validateSignIn,
  validateSignUp,
} from '../validation';

describe('validateEmail', () => {
  it.each(['ada@example.com', ' ada.lovelace+music@sub.example.co.uk '])('accepts %s', (email) => {
    expect(validateEmail(email)).toBeUndefined();
  });
  it.each(['', 'ada', 'ada@', 'ada@example', 'a da@example.com', '@example.com'])(
    'rejects %j',
    (email) => {
      expect(validateEmail(email)).toEqual(expect.any(String));
    },
  );
});

describe('validateNewPassword', () => {
  it('requires at least 12 characters', () => {
    expect(validateNewPassword('')).toBe('Choose a password.');
    expect(validateNewPassword('a'.repeat(11))).toBe('Use at least 12 characters.');
    expect(validateNewPassword('a'.repeat(12))).toBeUndefined();
  });
  it('counts characters, not UTF-16 units', () => {
    expect(validateNewPassword('🎵'.repeat(11))).toBe('Use at least 12 characters.');
  });
});

describe('validateDisplayName', () => {
  it('accepts 1 to 50 characters after trimming', () => {
    expect(validateDisplayName('A')).toBeUndefined();
    expect(validateDisplayName('x'.repeat(50))).toBeUndefined();
    expect(validateDisplayName('   ')).toBe('Enter a display name.');
    expect(validateDisplayName('x'.repeat(51))).toBe('Use at most 50 characters.');
  });
});

describe('form validators', () => {
  it('sign-up reports every bad field at once', () => {
    expect(
      Object.keys(validateSignUp({ email: 'x', password: 'short', displayName: '' })).sort(),
    ).toEqual(['displayName', 'email', 'password']);
    expect(
      validateSignUp({ email: 'a@b.co', password: 'long enough pw', displayName: 'Ada' }),
    ).toEqual({});
  });

  it('sign-in only needs a password to be present', () => {
    expect(validateSignIn({ email: 'a@b.co', password: 'x' })).toEqual({});
    expect(validateSignIn({ email: 'a@b.co', password: '' })).toEqual({
      password: 'Enter your password.',
    });
  });

  it('change-password checks confirmation and difference', () => {
    expect(
      validateChangePassword({
        currentPassword: 'old',
        newPassword: 'new password 123',
        confirmPassword: 'other',
      }),
    ).toEqual({ confirmPassword: 'The passwords do not match.' });
    expect(
      validateChangePassword({
        currentPassword: 'same password!',
        newPassword: 'same password!',
        confirmPassword: 'same password!',
      }).newPassword,
    ).toMatch(/different/);
  });

  it('API key names are required', () => {
    expect(validateApiKeyName(' ')).toEqual(expect.any(String));
    expect(validateApiKeyName('CLI')).toBeUndefined();
  });
});
