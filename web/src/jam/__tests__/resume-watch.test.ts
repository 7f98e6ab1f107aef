import { ResumeWatch } from '../resume-watch';

describe('ResumeWatch', () => {
  it('asks for a reconnect when the page is visible again after being hidden long, not after a glance away', () => {
    let now = 0;
    const watch = new ResumeWatch(() => now, 30_000);
    expect(watch.visibilityChanged(false)).toBe(false);
    now = 5_000;
    expect(watch.visibilityChanged(true)).toBe(false);
    expect(watch.visibilityChanged(false)).toBe(false);
    now = 20_000;
    expect(watch.visibilityChanged(false)).toBe(false); // still hidden: counted from the first
    now = 40_000;
    expect(watch.visibilityChanged(true)).toBe(true);
    expect(watch.visibilityChanged(true)).toBe(false); // visible twice: nothing new
  });
});
