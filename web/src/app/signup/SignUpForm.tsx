'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useRef, useState, type FormEvent } from 'react';
import { decodeAuthError } from '@/auth/auth-error-codec';
import { FormAlert } from '@/components/FormAlert';
import { GoogleButton } from '@/components/GoogleButton';
import { SubmitButton } from '@/components/SubmitButton';
import { TextField } from '@/components/TextField';
import { serviceUnavailable } from '@/graphql/form-errors';
import { useErrorFocus } from '@/forms/use-error-focus';
import { useFormFields } from '@/forms/use-form-fields';
import {
  DISPLAY_NAME_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  validateSignUp,
  type SignUpValues,
} from '@/forms/validation';

// Sign-up goes through next-auth's "register" Credentials provider, whose `authorize` runs the router's
// `register` mutation on the server and signs the new user in with the returned token pair.

export function SignUpForm({
  callbackUrl,
  googleEnabled,
}: {
  callbackUrl: string;
  googleEnabled: boolean;
}) {
  const router = useRouter();
  const { values, errors, setErrors, update } = useFormFields<SignUpValues>({
    displayName: '',
    email: '',
    password: '',
  });
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const focusErrors = useErrorFocus(formRef, alertRef);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const clientErrors = validateSignUp(values);
    if (Object.keys(clientErrors).length > 0) {
      setErrors({ fields: clientErrors as Record<string, string> });
      focusErrors();
      return;
    }
    setPending(true);
    setErrors({ fields: {} });
    try {
      const result = await signIn('register', {
        displayName: values.displayName.trim(),
        email: values.email.trim(),
        password: values.password,
        redirect: false,
        callbackUrl,
      });
      if (!result || result.error || !result.ok) {
        setErrors(decodeAuthError(result?.error) ?? serviceUnavailable());
        setPending(false);
        focusErrors();
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setErrors(serviceUnavailable());
      setPending(false);
      focusErrors();
    }
  }

  return (
    <>
      {googleEnabled ? (
        <>
          <GoogleButton callbackUrl={callbackUrl} label="Sign up with Google" />
          <div className="divider">or sign up with email</div>
        </>
      ) : null}
      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={onSubmit}
        aria-describedby={errors.form ? 'signup-error' : undefined}
      >
        {errors.form ? (
          <FormAlert alertRef={alertRef} id="signup-error">
            <p>{errors.form}</p>
            {errors.code === 'CONFLICT' ? (
              <p>
                Already have an account?{' '}
                <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
              </p>
            ) : null}
          </FormAlert>
        ) : null}
        <TextField
          name="displayName"
          label="Display name"
          autoComplete="nickname"
          maxLength={DISPLAY_NAME_MAX_LENGTH * 2}
          hint="How other listeners see you. You can change it later."
          value={values.displayName}
          onValueChange={update('displayName')}
          error={errors.fields.displayName}
        />
        <TextField
          name="email"
          type="email"
          label="Email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          value={values.email}
          onValueChange={update('email')}
          error={errors.fields.email}
        />
        <TextField
          name="password"
          type="password"
          label="Password"
          autoComplete="new-password"
          revealable
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A short sentence is easy to remember.`}
          value={values.password}
          onValueChange={update('password')}
          error={errors.fields.password}
        />
        <SubmitButton pending={pending} pendingLabel="Creating your account…" block>
          Create account
        </SubmitButton>
      </form>
      <p className="auth-card__switch">
        Already have an account?{' '}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </>
  );
}
