import { BadUserInputError } from '@groovy/common/errors';
import type { CatalogueService } from '../catalogue/catalogue.service';
import { subjectKey } from '../counter/counter.service';
import { artistFollowEvent, userFollowEvent } from '../events/preference-events';
import type { NotificationService } from '../notification/notification.service';
import { decodeCursor, encodeCursor } from '../paging/page';
import type { ToggleRecord } from '../toggle/toggle.model';
import type { ToggleCounting, ToggleService, ToggleOutcome } from '../toggle/toggle.service';

export const ARTIST_FOLLOW_COUNTING: ToggleCounting = {
  subject: (artistId) => subjectKey('artist', artistId),
  counter: 'followerCount',
  event: (on, follow, snapshot) =>
    artistFollowEvent(on ? 'ARTIST_FOLLOWED' : 'ARTIST_UNFOLLOWED', follow, snapshot),
};

export const USER_FOLLOW_COUNTING: ToggleCounting = {
  subject: (userId) => subjectKey('user', userId),
  counter: 'followerCount',
  event: (on, follow, snapshot) =>
    userFollowEvent(on ? 'USER_FOLLOWED' : 'USER_UNFOLLOWED', follow, snapshot),
};

const CURSOR_KIND = 'followed-artists';

/**
 * Follows of artists and of users: idempotent, exact follower counts, the followed-artists list.
 * A new follower of a user notifies them (NEW_FOLLOWER, once per follower).
 */
export class FollowService {
  constructor(
    readonly artistFollows: ToggleService,
    readonly userFollows: ToggleService,
    private readonly catalogue: CatalogueService,
    private readonly notifications: NotificationService,
  ) {}

  async followArtist(userId: string, artistId: string): Promise<ToggleOutcome> {
    await this.catalogue.requireArtist(artistId);
    return this.artistFollows.set(userId, artistId, true);
  }

  unfollowArtist(userId: string, artistId: string): Promise<ToggleOutcome> {
    return this.artistFollows.set(userId, artistId, false);
  }

  async followUser(userId: string, followedUserId: string): Promise<ToggleOutcome> {
    if (followedUserId === userId)
      throw new BadUserInputError('userId', 'You cannot follow yourself');
    await this.catalogue.requireUser(followedUserId);
    const outcome = await this.userFollows.set(userId, followedUserId, true);
    if (outcome.changed)
      await this.notifications.notify([followedUserId], {
        kind: 'NEW_FOLLOWER',
        sourceKey: `NEW_FOLLOWER:${userId}`,
        actorId: userId,
      });
    return outcome;
  }

  async unfollowUser(userId: string, followedUserId: string): Promise<ToggleOutcome> {
    if (followedUserId === userId)
      throw new BadUserInputError('userId', 'You cannot follow yourself');
    return this.userFollows.set(userId, followedUserId, false);
  }

  async followedArtists(
    userId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<{ follows: ToggleRecord[]; total: number }> {
    const position = after ? decodeCursor(CURSOR_KIND, after) : null;
    const [follows, total] = await Promise.all([
      this.artistFollows.list(userId, position, first + 1),
      this.artistFollows.count(userId),
    ]);
    return { follows, total };
  }

  cursorOf(follow: ToggleRecord): string {
    return encodeCursor(CURSOR_KIND, { at: follow.at, key: follow._id });
  }
}
