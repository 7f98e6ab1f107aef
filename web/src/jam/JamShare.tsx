'use client';

import { useState, useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

/** The join code and link, with a copy button. */
export function JamShare({ code }: { code: string }) {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
  const link = `${origin}/jam/join/${code}`;
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  return (
    <section className="jam-share" aria-labelledby="jam-share-title">
      <h2 id="jam-share-title">Invite friends</h2>
      <p>
        Code: <strong className="jam-code">{code}</strong>
      </p>
      <p>
        <label>
          Join link{' '}
          <input
            className="jam-link"
            type="text"
            readOnly
            value={link}
            onFocus={(e) => e.target.select()}
          />
        </label>{' '}
        <button
          type="button"
          className="button"
          onClick={() =>
            navigator.clipboard.writeText(link).then(
              () => setCopied('yes'),
              () => setCopied('no'),
            )
          }
        >
          Copy link
        </button>{' '}
        <span role="status">
          {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Copy failed: select the link.' : ''}
        </span>
      </p>
    </section>
  );
}
