import { COMMENT_TARGET_TYPES } from '@groovy/common/events';

export type CommentTargetTypeValue = (typeof COMMENT_TARGET_TYPES)[number];

/** The one key of a commented thing across collections: `SONG:<id>`, `ALBUM:<id>`, `PLAYLIST:<id>`. */
export function targetKeyOf(type: CommentTargetTypeValue, id: string): string {
  return `${type}:${id}`;
}
