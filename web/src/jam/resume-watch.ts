/** Hidden at least this long (a closed lid, a tab in the background): the socket may be dead. */
export const LONG_HIDDEN_MS = 30_000;

/**
 * Decides when a page coming back should drop its live socket and start over: visible again after
 * being hidden for LONG_HIDDEN_MS or more (by the wall clock, which also counts a sleep).
 */
export class ResumeWatch {
  private hiddenAt: number | null = null;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly longHiddenMs = LONG_HIDDEN_MS,
  ) {}

  /** The page's visibility changed; true when it should reconnect now. */
  visibilityChanged(visible: boolean): boolean {
    if (!visible) {
      this.hiddenAt ??= this.now();
      return false;
    }
    const hiddenAt = this.hiddenAt;
    this.hiddenAt = null;
    return hiddenAt !== null && this.now() - hiddenAt >= this.longHiddenMs;
  }
}
