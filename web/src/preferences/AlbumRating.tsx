'use client';

import { useFragment, useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { ActionMessage, failureMessage } from './ActionMessage';
import { ratedWith, type RatingState } from './optimistic';
import { ALBUM_RATING_FIELDS, RATE_ALBUM } from './rating.operations';
import { useSignedIn } from './use-signed-in';

const STARS = [1, 2, 3, 4, 5] as const;

/**
 * Stars on an album page: the average and count, and the listener's own rating as a native radio
 * group (arrow keys move and rate, as every radio group; the stars are the labels), plus "Remove
 * my rating" (stars: 0). Optimistic, rolled back by Apollo on failure.
 */
export function AlbumRating({
  albumId,
  title,
  initial,
}: {
  albumId: string;
  title: string;
  initial: RatingState;
}) {
  const { signedIn, goToSignIn } = useSignedIn();
  const name = useId();
  const cached = useFragment({
    fragment: ALBUM_RATING_FIELDS,
    from: { __typename: 'Album', id: albumId },
  });
  const rating: RatingState = cached.complete && cached.data ? cached.data.rating : initial;
  const [rate] = useMutation(RATE_ALBUM);
  const [error, setError] = useState<string>();

  const give = (stars: number) => {
    if (!signedIn) {
      goToSignIn();
      return;
    }
    setError(undefined);
    const next = ratedWith(rating, stars);
    rate({
      variables: { albumId, stars },
      optimisticResponse: {
        __typename: 'Mutation',
        rateAlbum: {
          __typename: 'Album',
          id: albumId,
          rating: { __typename: 'Rating', ...next },
        },
      },
    }).catch(() => setError(failureMessage(`save your rating of “${title}”`)));
  };

  return (
    <div className="album-rating">
      <p className="album-rating__summary">
        {rating.count > 0 && rating.average !== null ? (
          <>
            <span aria-hidden="true">★ </span>
            {rating.average.toFixed(1)} average from {rating.count} rating
            {rating.count === 1 ? '' : 's'}
          </>
        ) : (
          'No ratings yet'
        )}
      </p>
      <fieldset className="star-rating">
        <legend>Your rating</legend>
        {STARS.map((stars) => (
          <label
            key={stars}
            className="star-rating__star"
            data-on={(rating.mine ?? 0) >= stars ? 'true' : undefined}
          >
            <input
              type="radio"
              name={name}
              value={stars}
              checked={rating.mine === stars}
              onChange={() => give(stars)}
              className="visually-hidden"
            />
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">
              {stars} star{stars === 1 ? '' : 's'}
            </span>
          </label>
        ))}
        {rating.mine ? (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => give(0)}
          >
            Remove my rating
          </button>
        ) : null}
      </fieldset>
      <ActionMessage message={error} />
    </div>
  );
}
