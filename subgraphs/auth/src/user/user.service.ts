import { NotFoundError } from '@groovy/common';
import { Types } from 'mongoose';
import type { UpdateProfileInput } from './user.inputs';
import type { UserModel, UserRecord } from './user.model';
import { parseAvatarUrl, parseDisplayName } from './profile-rules';

export class UserService {
  constructor(private readonly users: UserModel) {}

  /** One query for many ids, in the order asked; null where there is no such user. */
  async findByIds(ids: readonly string[]): Promise<Array<UserRecord | null>> {
    const valid = ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
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
    const updated = await this.users
      .findOneAndUpdate({ _id: new Types.ObjectId(userId) }, { $set: changes }, { returnDocument: 'after' })
      .lean();
    if (!updated) throw new NotFoundError('User', userId);
    return updated;
  }
}
