'use client';

import { useState } from 'react';

function initialsOf(name: string): string {
  const letters = name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => [...part][0] ?? '')
    .join('');
  return letters.toUpperCase() || '?';
}

/** A profile's picture, or the person's initials (no picture, or one that fails to load or is blocked). */
export function ProfileAvatar({ name, url }: { name: string; url: string | null }) {
  const [failed, setFailed] = useState(false);
  if (url && !failed) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- avatars come from the media origins, no optimiser
      <img
        className="artist-avatar profile-avatar"
        src={url}
        alt=""
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <div className="artist-avatar" aria-hidden="true">
      {initialsOf(name)}
    </div>
  );
}
