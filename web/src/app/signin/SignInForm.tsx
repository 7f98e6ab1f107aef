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
import { serviceUnavailable, type FormErrors } from '@/graphql/form-errors';
import { useErrorFocus } from '@/forms/use-error-focus';
import { useFormFields } from '@/forms/use-form-fields';
import { useRetryCountdown } from '@/forms/use-retry-countdown';
import { validateSignIn, type SignInValues } from '@/forms/validation';

// Sign-in goes through next-auth's Credentials provider, whose `authorize` runs the router's `login`
// mutation on the server (see src/auth.ts); no GraphQL document lives in this component.

export function SignInForm({
  callbackUrl,
  googleEnabled,
  initialErrors,
}: {
  callbackUrl: string;
  googleEnabled: boolean;
  initialErrors?: FormErrors | undefined;
}) {
  const router = useRouter();
  const { values, errors, setErrors, update } = useFormFields<SignInValues>(
    { email: '', password: '' },
    initialErrors,
  );
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const focusErrors = useErrorFocus(formRef, alertRef);
  const [waitSeconds, startWait] = useRetryCountdown();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || waitSeconds > 0) return;
    const clientErrors = validateSignIn(values);
    if (Object.keys(clientErrors).length > 0) {
      setErrors({ fields: clientErrors as Record<string, string> });
      focusErrors();
      return;
    }
    setPending(true);
    setErrors({ fields: {} });
    try {
      const result = await signIn('credentials', {
        email: values.email.trim(),
        password: values.password,
        redirect: false,
        callbackUrl,
      });
      if (!result || result.error || !result.ok) {
        const failure = decodeAuthError(result?.error) ?? serviceUnavailable();
        setErrors(failure);
        startWait(failure.retryAfterSeconds);
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
          <GoogleButton callbackUrl={callbackUrl} />
          <div className="divider">or sign in with email</div>
        </>
      ) : null}
      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={onSubmit}
        aria-describedby={errors.form ? 'signin-error' : undefined}
      >
        {errors.form ? (
          <FormAlert alertRef={alertRef} id="signin-error">
            {errors.form}
          </FormAlert>
        ) : null}
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
          autoComplete="current-password"
          revealable
          value={values.password}
          onValueChange={update('password')}
          error={errors.fields.password}
        />
        <SubmitButton pending={pending} pendingLabel="Signing in…" block disabled={waitSeconds > 0}>
          {waitSeconds > 0 ? `Try again in ${waitSeconds} s` : 'Sign in'}
        </SubmitButton>
      </form>
      <p className="auth-card__switch">
        New to Groovy?{' '}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          Create an account
        </Link>
      </p>
    </>
  );
}
