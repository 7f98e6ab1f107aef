'use client';

import { graphql } from '@/gql';
import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useSession } from 'next-auth/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/FormAlert';
import { SubmitButton } from '@/components/SubmitButton';
import { TextField } from '@/components/TextField';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import type { FormErrors } from '@/graphql/form-errors';
import { useErrorFocus } from '@/forms/use-error-focus';
import { DISPLAY_NAME_MAX_LENGTH, validateDisplayName } from '@/forms/validation';

export const UPDATE_PROFILE = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      displayName
    }
  }
`);

export function ProfileSection({
  displayName: initialName,
  email,
}: {
  displayName: string;
  email: string;
}) {
  const router = useRouter();
  const { update } = useSession();
  const [updateProfile] = useMutation(UPDATE_PROFILE);
  const [savedName, setSavedName] = useState(initialName);
  const [displayName, setDisplayName] = useState(initialName);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const focusErrors = useErrorFocus(formRef, alertRef);
  const titleId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setSaved(false);
    const problem = validateDisplayName(displayName);
    if (problem) {
      setErrors({ fields: { displayName: problem } });
      focusErrors();
      return;
    }
    setPending(true);
    setErrors({ fields: {} });
    try {
      const result = await updateProfile({
        variables: { input: { displayName: displayName.trim() } },
      });
      const newName = result.data?.updateProfile.displayName ?? displayName.trim();
      setSavedName(newName);
      setDisplayName(newName);
      setSaved(true);
      // Keep the session (header, home greeting) in step with the new name.
      await update({ displayName: newName }).catch(() => undefined);
      router.refresh();
    } catch (error) {
      setErrors(formErrorsFromApolloError(error, { knownFields: ['displayName'] }));
      focusErrors();
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        Profile
      </h2>
      <p className="section-lead">Your display name is public; your email stays private.</p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        {errors.form ? <FormAlert alertRef={alertRef}>{errors.form}</FormAlert> : null}
        {saved ? <FormAlert tone="success">Profile saved.</FormAlert> : null}
        <TextField
          name="displayName"
          label="Display name"
          autoComplete="nickname"
          maxLength={DISPLAY_NAME_MAX_LENGTH * 2}
          hint={`1 to ${DISPLAY_NAME_MAX_LENGTH} characters.`}
          value={displayName}
          onValueChange={(value) => {
            setDisplayName(value);
            setSaved(false);
            if (errors.fields.displayName) setErrors({ fields: {} });
          }}
          error={errors.fields.displayName}
        />
        <div className="field">
          <span className="field__label" id={`${titleId}-email`}>
            Email
          </span>
          <p className="readonly-value" aria-labelledby={`${titleId}-email`}>
            {email}
          </p>
        </div>
        <div className="form-actions">
          <SubmitButton pending={pending} pendingLabel="Saving…">
            Save profile
          </SubmitButton>
          {displayName !== savedName && !pending ? (
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setDisplayName(savedName);
                setErrors({ fields: {} });
              }}
            >
              Reset
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
