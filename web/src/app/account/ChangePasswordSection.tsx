'use client';

import { graphql } from '@/gql';
import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/FormAlert';
import { SubmitButton } from '@/components/SubmitButton';
import { TextField } from '@/components/TextField';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { useErrorFocus } from '@/forms/use-error-focus';
import { useFormFields } from '@/forms/use-form-fields';
import {
  PASSWORD_MIN_LENGTH,
  validateChangePassword,
  type ChangePasswordValues,
} from '@/forms/validation';

// Not in API.md yet: the auth subgraph is adding `changePassword(currentPassword, newPassword): Boolean!`.
export const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

const EMPTY: ChangePasswordValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordSection() {
  const [changePassword] = useMutation(CHANGE_PASSWORD);
  const {
    values,
    setValues,
    errors,
    setErrors,
    update: updateField,
  } = useFormFields<ChangePasswordValues>(EMPTY);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const focusErrors = useErrorFocus(formRef, alertRef);
  const titleId = useId();

  const update = (field: keyof ChangePasswordValues) => (value: string) => {
    setDone(false);
    updateField(field)(value);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setDone(false);
    const clientErrors = validateChangePassword(values);
    if (Object.keys(clientErrors).length > 0) {
      setErrors({ fields: clientErrors as Record<string, string> });
      focusErrors();
      return;
    }
    setPending(true);
    setErrors({ fields: {} });
    try {
      await changePassword({
        variables: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      setValues(EMPTY);
      setDone(true);
    } catch (error) {
      setErrors(
        formErrorsFromApolloError(error, {
          knownFields: ['currentPassword', 'newPassword'],
          byCode: {
            UNAUTHENTICATED:
              'We could not confirm it is you: check your current password, or sign in again.',
          },
        }),
      );
      focusErrors();
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        Password
      </h2>
      <p className="section-lead">Use a long password you don&apos;t use anywhere else.</p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        {errors.form ? <FormAlert alertRef={alertRef}>{errors.form}</FormAlert> : null}
        {done ? <FormAlert tone="success">Password changed.</FormAlert> : null}
        <TextField
          name="currentPassword"
          type="password"
          label="Current password"
          autoComplete="current-password"
          revealable
          value={values.currentPassword}
          onValueChange={update('currentPassword')}
          error={errors.fields.currentPassword}
        />
        <TextField
          name="newPassword"
          type="password"
          label="New password"
          autoComplete="new-password"
          revealable
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          value={values.newPassword}
          onValueChange={update('newPassword')}
          error={errors.fields.newPassword}
        />
        <TextField
          name="confirmPassword"
          type="password"
          label="Repeat new password"
          autoComplete="new-password"
          value={values.confirmPassword}
          onValueChange={update('confirmPassword')}
          error={errors.fields.confirmPassword}
        />
        <div className="form-actions">
          <SubmitButton pending={pending} pendingLabel="Changing…">
            Change password
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
