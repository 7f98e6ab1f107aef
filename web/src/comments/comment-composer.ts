import { COMMENT_BODY_MAX } from './comment-model';

/**
 * The composer's rules, mirroring the comments subgraph's (which stays the authority): the body is
 * counted after trimming, in characters as people see them (code points, so an emoji is one).
 */

/** How many characters the body counts for. */
export function bodyLength(body: string): number {
  let n = 0;
  for (const _ of body.trim()) n += 1;
  return n;
}

export type BodyProblem = 'empty' | 'too-long';

export function bodyProblem(body: string, max = COMMENT_BODY_MAX): BodyProblem | null {
  const length = bodyLength(body);
  if (length === 0) return 'empty';
  if (length > max) return 'too-long';
  return null;
}

/** The counter under the textarea: "12 / 2,000", and how the count should read to a screen reader. */
export function counterText(
  body: string,
  max = COMMENT_BODY_MAX,
): { visible: string; spoken: string } {
  const length = bodyLength(body);
  const format = (n: number) => n.toLocaleString('en-US');
  const over = length - max;
  return {
    visible: `${format(length)} / ${format(max)}`,
    spoken:
      over > 0
        ? `${format(over)} character${over === 1 ? '' : 's'} too many`
        : `${format(max - length)} character${max - length === 1 ? '' : 's'} left`,
  };
}

/** Ctrl-Enter (Windows, Linux) or ⌘-Enter (macOS) sends; plain Enter is a new line. */
export function isSendShortcut(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  isComposing?: boolean;
}): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing;
}

/**
 * The moment a new timed comment is pinned to. While this song is playing, starting to write pins the
 * current position (once: the chip then stays put while the song plays on); removing the chip keeps
 * it removed until the comment is sent. Paused or another song: no pin unless one was already set.
 */
export interface PinState {
  atMs: number | null;
  /** The person removed the chip. */
  dismissed: boolean;
}

export const NO_PIN: PinState = { atMs: null, dismissed: false };

export function pinOnCompose(
  pin: PinState,
  player: { playingThisSong: boolean; positionMs: number; durationMs: number },
): PinState {
  if (pin.atMs !== null || pin.dismissed || !player.playingThisSong) return pin;
  if (!Number.isFinite(player.positionMs) || player.positionMs < 0) return pin;
  const capped =
    player.durationMs > 0 ? Math.min(player.positionMs, player.durationMs) : player.positionMs;
  return { atMs: Math.floor(capped), dismissed: false };
}
