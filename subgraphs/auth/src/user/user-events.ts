import {
  createEvent,
  UserRegistered,
  UserUpdated,
  type EventEnvelope,
} from '@groovy/common/events';
import type { UserRecord } from './user.model';

type PublicProfile = Pick<UserRecord, '_id' | 'displayName' | 'avatarUrl'>;

/** USER_REGISTERED for a new account (its first version). */
export function userRegisteredEvent(user: PublicProfile & { createdAt: Date }): EventEnvelope {
  return createEvent({
    type: UserRegistered.type,
    version: UserRegistered.version,
    producer: 'auth',
    aggregateId: user._id.toHexString(),
    aggregateVersion: 1,
    data: {
      userId: user._id.toHexString(),
      displayName: user.displayName,
      avatarUrl: user.avatarUrl,
      createdAt: user.createdAt.toISOString(),
    },
  });
}

/** USER_UPDATED for the profile as it is at `version`. */
export function userUpdatedEvent(user: PublicProfile, version: number): EventEnvelope {
  return createEvent({
    type: UserUpdated.type,
    version: UserUpdated.version,
    producer: 'auth',
    aggregateId: user._id.toHexString(),
    aggregateVersion: version,
    data: {
      userId: user._id.toHexString(),
      displayName: user.displayName,
      avatarUrl: user.avatarUrl,
    },
  });
}
