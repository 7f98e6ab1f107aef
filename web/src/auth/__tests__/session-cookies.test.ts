import { planSessionCookies } from '../session-cookies';

const NAME = 'next-auth.session-token';

describe('planSessionCookies', () => {
  it('writes one cookie when the value fits', () => {
    expect(planSessionCookies([NAME, 'other'], NAME, 'abc')).toEqual({
      set: [{ name: NAME, value: 'abc' }],
      remove: [],
    });
  });

  it('splits a large value into numbered chunks that join back to it', () => {
    const value = 'x'.repeat(25);
    const plan = planSessionCookies([], NAME, value, 10);
    expect(plan.set.map((c) => c.name)).toEqual([`${NAME}.0`, `${NAME}.1`, `${NAME}.2`]);
    expect(plan.set.map((c) => c.value).join('')).toBe(value);
  });

  it('removes cookies the new value no longer uses', () => {
    expect(
      planSessionCookies([`${NAME}.0`, `${NAME}.1`, 'unrelated'], NAME, 'small').remove,
    ).toEqual([`${NAME}.0`, `${NAME}.1`]);
    expect(planSessionCookies([NAME, `${NAME}.0`], NAME, 'y'.repeat(15), 10).remove).toEqual([
      NAME,
    ]);
  });

  it('does not touch look-alike names', () => {
    expect(planSessionCookies([`${NAME}x`, `${NAME}.a`], NAME, 'v').remove).toEqual([]);
  });
});
