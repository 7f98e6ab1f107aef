import { randomBytes } from 'node:crypto';
import { BadUserInputError, ConflictError, NotFoundError } from '@groovy/common/errors';
import { normaliseText } from '@groovy/common/text';
import { Types } from 'mongoose';
import { hashOpaqueToken } from '../session/opaque-token';
import type { ApiKeyModel, ApiKeyRecord } from './api-key.model';

const SECRET_PREFIX = 'gsk_';
/** lastUsedAt is written at most this often per key, so verification stays a read. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface VerifiedApiKey {
  userId: string;
  apiKeyId: string;
}

export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyModel,
    private readonly maxKeysPerUser: number,
  ) {}

  async list(userId: string): Promise<ApiKeyRecord[]> {
    return this.keys
      .find({ userId: new Types.ObjectId(userId), revokedAt: null })
      .sort({ createdAt: -1 })
      .lean();
  }

  async create(userId: string, rawName: string): Promise<{ record: ApiKeyRecord; secret: string }> {
    const name = normaliseText('name', rawName, 'Key name');
    if (name.length === 0 || name.length > 60) {
      throw new BadUserInputError('name', 'Key name must be 1 to 60 characters');
    }
    const owner = new Types.ObjectId(userId);
    const active = await this.keys.countDocuments({ userId: owner, revokedAt: null });
    if (active >= this.maxKeysPerUser) {
      throw new ConflictError(`You already have ${this.maxKeysPerUser} API keys; revoke one first`);
    }
    const visible = randomBytes(4).toString('hex');
    const secret = `${SECRET_PREFIX}${visible}_${randomBytes(32).toString('base64url')}`;
    const record = await this.keys.create({
      userId: owner,
      name,
      prefix: `${SECRET_PREFIX}${visible}`,
      secretHash: hashOpaqueToken(secret),
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    });
    return { record: record.toObject(), secret };
  }

  /** Revokes the caller's own key; another user's key is "not found" (its existence is not revealed). */
  async revoke(userId: string, apiKeyId: string): Promise<void> {
    if (!Types.ObjectId.isValid(apiKeyId))
      throw new BadUserInputError('id', 'Not a valid API key id');
    const result = await this.keys.updateOne(
      { _id: new Types.ObjectId(apiKeyId), userId: new Types.ObjectId(userId), revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
    if (result.matchedCount === 0) throw new NotFoundError('API key', apiKeyId);
  }

  /** The router's check of an `x-api-key`: who it belongs to, or null when unknown or revoked. */
  async verify(secret: string): Promise<VerifiedApiKey | null> {
    if (!secret.startsWith(SECRET_PREFIX) || secret.length > 200) return null;
    const record = await this.keys
      .findOne({ secretHash: hashOpaqueToken(secret), revokedAt: null })
      .lean();
    if (!record) return null;
    const now = Date.now();
    if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.keys.updateOne({ _id: record._id }, { $set: { lastUsedAt: new Date(now) } });
    }
    return { userId: record.userId.toHexString(), apiKeyId: record._id.toHexString() };
  }
}
