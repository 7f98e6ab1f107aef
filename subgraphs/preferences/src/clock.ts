/** Where the subgraph reads the time (a test seam: tests move a fake clock instead of waiting). */
export interface Clock {
  now(): Date;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };
