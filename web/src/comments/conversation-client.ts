import type { CommentNode, CommentOrder, CommentPage, CommentTargetType } from './comment-model';

/** What a conversation is about: API.md's `targetType` + `targetId`. */
export interface CommentTarget {
  type: CommentTargetType;
  id: string;
}

export interface NewComment {
  body: string;
  /** The moment of the song (song comments only); null for an untimed comment. */
  atMs: number | null;
  /** Set for a reply: the comment it answers. */
  parentId: string | null;
}

/**
 * The conversation's calls to the public API, one method per operation of API.md "comments"
 * (use-conversation-client.ts implements it on Apollo Client with the generated documents). Every
 * method rejects with the Apollo error as thrown, so callers map it with formErrorsFromApolloError.
 */
export interface ConversationClient {
  /** A page of the target's top-level comments. */
  comments(target: CommentTarget, order: CommentOrder, after: string | null): Promise<CommentPage>;
  /** A page of a comment's replies, oldest first. */
  replies(target: CommentTarget, parentId: string, after: string | null): Promise<CommentPage>;
  /** Timed comments of a song in TIMELINE order, for the waveform markers (at most `cap`). */
  timeline(songId: string, cap: number): Promise<CommentNode[]>;
  add(target: CommentTarget, comment: NewComment): Promise<CommentNode>;
  edit(id: string, body: string): Promise<CommentNode>;
  remove(id: string): Promise<void>;
  like(id: string): Promise<CommentNode>;
  unlike(id: string): Promise<CommentNode>;
  report(id: string, reason: string): Promise<void>;
}
