import { NotFoundError } from '@groovy/common/errors';
import type { Viewer } from '../viewer/viewer';
import { targetKeyOf, type CommentTargetTypeValue } from './target-key';
import type { TargetModel, TargetRecord } from './target.model';

/** Can `viewer` see `target` (and so its comments)? */
export function canSeeTarget(target: TargetRecord | null | undefined, viewer: Viewer): boolean {
  if (!target || !target.known || target.gone) return false;
  if (target.public || viewer.moderator) return true;
  return (
    viewer.userId !== null &&
    (target.ownerId === viewer.userId || target.memberIds.includes(viewer.userId))
  );
}

/** Does `viewer` own `target` (the song's uploader, the album's or playlist's owner)? */
export function ownsTarget(target: TargetRecord | null | undefined, viewer: Viewer): boolean {
  return !!target && viewer.userId !== null && target.ownerId === viewer.userId;
}

const LABELS: Record<CommentTargetTypeValue, string> = {
  SONG: 'Song',
  ALBUM: 'Album',
  PLAYLIST: 'Playlist',
};

/** The commented things as comments knows them from their owners' events. */
export class TargetService {
  constructor(private readonly targets: TargetModel) {}

  async findByKeys(keys: readonly string[]): Promise<(TargetRecord | null)[]> {
    const found = await this.targets
      .find({ _id: { $in: [...new Set(keys)] } }, { _outbox: 0, appliedChanges: 0 })
      .lean<TargetRecord[]>();
    const byKey = new Map(found.map((target) => [target._id, target]));
    return keys.map((key) => byKey.get(key) ?? null);
  }

  /** The target, when it exists and `viewer` may see it; NOT_FOUND otherwise (a hidden one is not revealed). */
  async requireVisible(
    type: CommentTargetTypeValue,
    id: string,
    viewer: Viewer,
  ): Promise<TargetRecord> {
    const [target] = await this.findByKeys([targetKeyOf(type, id)]);
    if (!canSeeTarget(target, viewer)) throw new NotFoundError(LABELS[type], id);
    return target!;
  }

  /** Records what an owner's event says about a target (fields other than the count). */
  async learn(
    type: CommentTargetTypeValue,
    id: string,
    facts: Partial<Pick<TargetRecord, 'ownerId' | 'memberIds' | 'public' | 'durationMs'>>,
  ): Promise<void> {
    const defaults: Record<string, unknown> = {
      commentCount: 0,
      listedCount: 0,
      timedCount: 0,
      lastSeq: 0,
      countVersion: 0,
      appliedChanges: [],
      version: 0,
      _outbox: [],
      ownerId: null,
      memberIds: [],
      public: false,
      durationMs: null,
    };
    for (const field of Object.keys(facts)) delete defaults[field];
    await this.targets.updateOne(
      { _id: targetKeyOf(type, id) },
      { $set: { ...facts, known: true, gone: false, type, targetId: id }, $setOnInsert: defaults },
      { upsert: true },
    );
  }

  /** The next `seq` of a top-level comment on `targetKey` (one atomic increment). */
  async nextSeq(targetKey: string): Promise<number> {
    const updated = await this.targets
      .findOneAndUpdate(
        { _id: targetKey },
        { $inc: { lastSeq: 1 } },
        { returnDocument: 'after', projection: { lastSeq: 1 } },
      )
      .lean<{ lastSeq: number }>();
    if (!updated) throw new Error(`comment target ${targetKey} is not known`);
    return updated.lastSeq;
  }

  /** The target is deleted: its comments leave every list. */
  async forget(type: CommentTargetTypeValue, id: string): Promise<void> {
    await this.targets.updateOne(
      { _id: targetKeyOf(type, id) },
      {
        $set: { gone: true, known: true, type, targetId: id },
        $setOnInsert: {
          commentCount: 0,
          listedCount: 0,
          timedCount: 0,
          lastSeq: 0,
          countVersion: 0,
          appliedChanges: [],
          version: 0,
          _outbox: [],
          memberIds: [],
          ownerId: null,
          public: false,
          durationMs: null,
        },
      },
      { upsert: true },
    );
  }
}
