'use client';

import { graphql } from '@/gql';
import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/FormAlert';
import { SubmitButton } from '@/components/SubmitButton';
import { TextField } from '@/components/TextField';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import type { FormErrors } from '@/graphql/form-errors';
import { useErrorFocus } from '@/forms/use-error-focus';
import { API_KEY_NAME_MAX_LENGTH, validateApiKeyName } from '@/forms/validation';
import { formatDate, formatDateTime } from '@/format/dates';
import type { ApiKeyFields } from './account.query';

export const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($name: String!) {
    createApiKey(name: $name) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`);

export const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id)
  }
`);

function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const titleRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  return (
    <div className="secret-box" role="region" aria-labelledby="new-secret-title">
      <p id="new-secret-title" className="secret-box__title" ref={titleRef} tabIndex={-1}>
        Your new key “{name}”
      </p>
      <p className="secret-box__warning">
        Copy it now and keep it somewhere safe: you won&apos;t see this again. If you lose it,
        revoke it and create a new one.
      </p>
      <div className="secret-row">
        <code className="secret-value" aria-label="API key secret">
          {secret}
        </code>
        <button
          type="button"
          className="button button--primary button--small"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopied('copied');
            } catch {
              setCopied('failed');
            }
          }}
        >
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={onDone}>
          I&apos;ve saved it
        </button>
      </div>
      <p role="status" className="field__hint" style={{ marginTop: '0.5rem' }}>
        {copied === 'copied'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Copying is blocked by the browser: select the key and copy it by hand.'
            : ''}
      </p>
    </div>
  );
}

function ApiKeyRow({
  apiKey,
  onRevoked,
}: {
  apiKey: ApiKeyFields;
  onRevoked: (key: ApiKeyFields) => void;
}) {
  const [revokeApiKey] = useMutation(REVOKE_API_KEY);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const nameId = useId();

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  async function revoke() {
    setPending(true);
    setError(undefined);
    try {
      await revokeApiKey({ variables: { id: apiKey.id } });
      onRevoked(apiKey);
    } catch (e) {
      const errors = formErrorsFromApolloError(e);
      setError(errors.form ?? 'Could not revoke the key. Please try again.');
      setPending(false);
    }
  }

  return (
    <li className="key-item" aria-labelledby={nameId}>
      <div className="key-item__main">
        <p className="key-item__name" id={nameId}>
          {apiKey.name}
        </p>
        <dl className="key-item__meta">
          <div>
            <dt>Key</dt>
            <dd>
              <span className="key-prefix">{apiKey.prefix}…</span>
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>
              <time dateTime={apiKey.createdAt} title={formatDateTime(apiKey.createdAt)}>
                {formatDate(apiKey.createdAt)}
              </time>
            </dd>
          </div>
          <div>
            <dt>Last used</dt>
            <dd>
              {apiKey.lastUsedAt ? (
                <time dateTime={apiKey.lastUsedAt} title={formatDateTime(apiKey.lastUsedAt)}>
                  {formatDate(apiKey.lastUsedAt)}
                </time>
              ) : (
                'Never'
              )}
            </dd>
          </div>
        </dl>
      </div>
      {!confirming ? (
        <button
          ref={revokeRef}
          type="button"
          className="button button--danger button--small"
          aria-describedby={nameId}
          onClick={() => setConfirming(true)}
        >
          Revoke
        </button>
      ) : null}
      {confirming ? (
        <div
          className="key-item__confirm"
          role="group"
          aria-label={`Confirm revoking ${apiKey.name}`}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !pending) {
              setConfirming(false);
              requestAnimationFrame(() => revokeRef.current?.focus());
            }
          }}
        >
          <p>
            Revoke “{apiKey.name}”? Apps using it stop working immediately. This cannot be undone.
          </p>
          <button
            type="button"
            className="button button--danger-solid button--small"
            disabled={pending}
            onClick={revoke}
          >
            {pending ? 'Revoking…' : 'Revoke key'}
          </button>
          <button
            ref={cancelRef}
            type="button"
            className="button button--ghost button--small"
            disabled={pending}
            onClick={() => {
              setConfirming(false);
              requestAnimationFrame(() => revokeRef.current?.focus());
            }}
          >
            Cancel
          </button>
          {error ? (
            <p className="field__error" role="alert" style={{ flexBasis: '100%' }}>
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export function ApiKeysSection({ initialKeys }: { initialKeys: ApiKeyFields[] }) {
  const [createApiKey] = useMutation(CREATE_API_KEY);
  const [keys, setKeys] = useState(initialKeys);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const listTitleRef = useRef<HTMLHeadingElement>(null);
  const focusErrors = useErrorFocus(formRef, alertRef);
  const titleId = useId();

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const problem = validateApiKeyName(name);
    if (problem) {
      setErrors({ fields: { name: problem } });
      focusErrors();
      return;
    }
    setPending(true);
    setErrors({ fields: {} });
    try {
      const result = await createApiKey({ variables: { name: name.trim() } });
      const payload = result.data?.createApiKey;
      if (!payload) throw new Error('createApiKey returned no data');
      setKeys((current) => [payload.apiKey, ...current]);
      setCreated({ name: payload.apiKey.name, secret: payload.secret });
      setName('');
    } catch (error) {
      setErrors(formErrorsFromApolloError(error, { knownFields: ['name'] }));
      focusErrors();
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        API keys
      </h2>
      <p className="section-lead">
        Let your own apps and scripts use Groovy&apos;s public GraphQL endpoint. Send the key in the{' '}
        <code>x-api-key</code> header.
      </p>
      <form ref={formRef} className="form" noValidate onSubmit={onCreate}>
        {errors.form ? <FormAlert alertRef={alertRef}>{errors.form}</FormAlert> : null}
        <div className="inline-form">
          <TextField
            name="name"
            label="New key name"
            placeholder="e.g. My player app"
            maxLength={API_KEY_NAME_MAX_LENGTH * 2}
            autoComplete="off"
            value={name}
            onValueChange={(value) => {
              setName(value);
              if (errors.fields.name) setErrors({ fields: {} });
            }}
            error={errors.fields.name}
          />
          <SubmitButton pending={pending} pendingLabel="Creating…">
            Create key
          </SubmitButton>
        </div>
      </form>
      {created ? (
        <NewSecret
          name={created.name}
          secret={created.secret}
          onDone={() => {
            setCreated(null);
            listTitleRef.current?.focus();
          }}
        />
      ) : null}
      <h3 className="visually-hidden" ref={listTitleRef} tabIndex={-1}>
        Your keys
      </h3>
      {keys.length === 0 ? (
        <p className="empty-state">
          No API keys yet. Create one to call the API from your own code.
        </p>
      ) : (
        <ul className="key-list">
          {keys.map((key) => (
            <ApiKeyRow
              key={key.id}
              apiKey={key}
              onRevoked={(revoked) => {
                setKeys((current) => current.filter((k) => k.id !== revoked.id));
                setAnnouncement(`Key “${revoked.name}” revoked.`);
                listTitleRef.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </section>
  );
}
