import {
  clearFieldError,
  formatWait,
  formErrorsFromGraphQL,
  formFieldName,
  SERVICE_UNAVAILABLE_MESSAGE,
} from '../form-errors';

describe('formErrorsFromGraphQL', () => {
  it('puts a BAD_USER_INPUT message on the field named in extensions.field', () => {
    const result = formErrorsFromGraphQL([
      {
        message: 'Password must be at least 12 characters',
        extensions: { code: 'BAD_USER_INPUT', field: 'password' },
      },
    ]);
    expect(result.fields).toEqual({ password: 'Password must be at least 12 characters' });
    expect(result.form).toBeUndefined();
    expect(result.code).toBe('BAD_USER_INPUT');
  });

  it('uses the last segment of a nested input path', () => {
    const result = formErrorsFromGraphQL([
      { message: 'Too long', extensions: { code: 'BAD_USER_INPUT', field: 'input.displayName' } },
    ]);
    expect(result.fields).toEqual({ displayName: 'Too long' });
  });

  it('keeps several field errors and the first message per field', () => {
    const result = formErrorsFromGraphQL([
      { message: 'Bad email', extensions: { code: 'BAD_USER_INPUT', field: 'email' } },
      { message: 'Bad name', extensions: { code: 'BAD_USER_INPUT', field: 'displayName' } },
      { message: 'Second email message', extensions: { code: 'BAD_USER_INPUT', field: 'email' } },
    ]);
    expect(result.fields).toEqual({ email: 'Bad email', displayName: 'Bad name' });
  });

  it('turns a field the form does not have into a form-level message', () => {
    const result = formErrorsFromGraphQL(
      [{ message: 'Unknown thing', extensions: { code: 'BAD_USER_INPUT', field: 'avatarUrl' } }],
      { knownFields: ['displayName'] },
    );
    expect(result.fields).toEqual({});
    expect(result.form).toBe('Unknown thing');
  });

  it('shows CONFLICT messages (e.g. email taken) at form level', () => {
    const result = formErrorsFromGraphQL([
      { message: 'An account with this email already exists', extensions: { code: 'CONFLICT' } },
    ]);
    expect(result.form).toBe('An account with this email already exists');
    expect(result.code).toBe('CONFLICT');
  });

  it('shows the wait time of RATE_LIMITED', () => {
    const result = formErrorsFromGraphQL([
      {
        message: 'Too many login attempts',
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 90 },
      },
    ]);
    expect(result.form).toBe('Too many attempts. Please wait 2 minutes and try again.');
    expect(result.retryAfterSeconds).toBe(90);
  });

  it('handles RATE_LIMITED without a wait time', () => {
    const result = formErrorsFromGraphQL([
      { message: 'slow down', extensions: { code: 'RATE_LIMITED' } },
    ]);
    expect(result.form).toMatch(/wait a little/);
    expect(result.retryAfterSeconds).toBeUndefined();
  });

  it('applies per-code overrides (wrong credentials on sign-in)', () => {
    const result = formErrorsFromGraphQL(
      [{ message: 'Invalid credentials', extensions: { code: 'UNAUTHENTICATED' } }],
      {
        byCode: { UNAUTHENTICATED: 'Wrong email or password.' },
      },
    );
    expect(result.form).toBe('Wrong email or password.');
  });

  it('never shows internal error text', () => {
    const result = formErrorsFromGraphQL([
      {
        message: 'MongoServerError: E11000 at /srv/app.js:12',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      { message: 'no code at all' },
    ]);
    expect(result.form).toBe('Something went wrong on our side. Please try again.');
  });

  it('maps SERVICE_UNAVAILABLE to the friendly message', () => {
    expect(
      formErrorsFromGraphQL([{ message: 'x', extensions: { code: 'SERVICE_UNAVAILABLE' } }]).form,
    ).toBe(SERVICE_UNAVAILABLE_MESSAGE);
  });
});

describe('formatWait', () => {
  it.each([
    [1, '1 second'],
    [30, '30 seconds'],
    [59.2, '1 minute'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [3600, '1 hour'],
    [3601, '2 hours'],
    [0, '1 second'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });
});

describe('formFieldName', () => {
  it('returns the last path segment', () => {
    expect(formFieldName('input.email')).toBe('email');
    expect(formFieldName('email')).toBe('email');
  });
});

describe('clearFieldError', () => {
  it("drops one field's message and keeps the rest", () => {
    const errors = {
      fields: { email: 'bad', password: 'short' },
      form: 'Fix the fields',
      code: 'BAD_USER_INPUT',
    };
    expect(clearFieldError(errors, 'email')).toEqual({
      fields: { password: 'short' },
      form: 'Fix the fields',
      code: 'BAD_USER_INPUT',
    });
  });
  it('returns the same object when the field had no message (no re-render)', () => {
    const errors = { fields: { password: 'short' } };
    expect(clearFieldError(errors, 'email')).toBe(errors);
  });
});
