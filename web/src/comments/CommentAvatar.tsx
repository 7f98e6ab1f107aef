'use client';

import { useState } from 'react';
import type { CommentAuthor } from './comment-model';
import { initials } from './waveform-markers';

/** The author's picture, or their initials (no picture, a picture that fails, a deleted comment). */
export function CommentAvatar({
  author,
  size = 'medium',
}: {
  author: CommentAuthor | null;
  size?: 'small' | 'medium';
}) {
  const [failed, setFailed] = useState(false);
  const className = `comment-avatar comment-avatar--${size}`;
  if (author?.avatarUrl && !failed) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- avatars come from the media origins, no optimiser
      <img className={className} src={author.avatarUrl} alt="" onError={() => setFailed(true)} />
    );
  }
  return (
    <span className={className} aria-hidden="true">
      {initials(author?.displayName)}
    </span>
  );
}
