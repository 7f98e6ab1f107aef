import { NotFoundError } from '@groovy/common/errors';
import { writeWithEvents, type OutboxNotifier } from '@groovy/common/events';
import { Types } from 'mongoose';
import type { UpdateProfileInput } from './user.inputs';
import { USER_VERSION, type UserModel, type UserRecord } from './user.model';
import { parseAvatarUrl, parseDisplayName } from './profile-rules';
import { userUpdatedEvent } from './user-events';

export class UserService {
  constructor(
    private readonly users: UserModel,
    private readonly outbox: OutboxNotifier,
  ) {}

  /** One query for many ids, in the order asked; null where there is no such user. */
  async findByIds(ids: readonly string[]): Promise<Array<UserRecord | null>> {
    const valid = ids
      .filter((id) => Types.ObjectId.isValid(id))
      .map((id) => new Types.ObjectId(id));
    const found = await this.users.find({ _id: { $in: valid } }).lean();
    const byId = new Map(found.map((user) => [user._id.toHexString(), user]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findById(id: string): Promise<UserRecord | null> {
    return (await this.findByIds([id]))[0] ?? null;
  }

  async updateProfile(userId: string, input: UpdateProfileInput): Promise<UserRecord> {
    const changes: Partial<Pick<UserRecord, 'displayName' | 'avatarUrl'>> = {};
    if (input.displayName !== undefined && input.displayName !== null) {
      changes.displayName = parseDisplayName('displayName', input.displayName);
    }
    if (input.avatarUrl !== undefined && input.avatarUrl !== null) {
      changes.avatarUrl = parseAvatarUrl('avatarUrl', input.avatarUrl);
    }
    // Optimistic concurrency: the change and its USER_UPDATED event are written together, at the
    // version read, so concurrent edits each get their own version and event.
    const [id] = Types.ObjectId.isValid(userId) ? [new Types.ObjectId(userId)] : [];
    if (!id) throw new NotFoundError('User', userId);
    const written = await writeWithEvents({
      model: this.users,
      filter: { _id: id },
      version: USER_VERSION,
      notifier: this.outbox,
      subject: `profile of ${userId}`,
      change: (current, version) => ({
        set: changes,
        events: [userUpdatedEvent({ ...current, ...changes }, version)],
      }),
    });
    if (written.outcome !== 'written') throw new NotFoundError('User', userId);
    return written.record;
  }
}
