import { ratedWith, toggledFollow, toggledLike } from '../optimistic';

describe('toggledLike', () => {
  it('likes and unlikes, moving the count', () => {
    expect(toggledLike({ likedByMe: false, likeCount: 4 })).toEqual({
      likedByMe: true,
      likeCount: 5,
    });
    expect(toggledLike({ likedByMe: true, likeCount: 5 })).toEqual({
      likedByMe: false,
      likeCount: 4,
    });
  });

  it('never shows a negative count', () => {
    expect(toggledLike({ likedByMe: true, likeCount: 0 })).toEqual({
      likedByMe: false,
      likeCount: 0,
    });
  });
});

describe('toggledFollow', () => {
  it('follows and unfollows', () => {
    expect(toggledFollow({ followedByMe: false, followerCount: 0 })).toEqual({
      followedByMe: true,
      followerCount: 1,
    });
    expect(toggledFollow({ followedByMe: true, followerCount: 1 })).toEqual({
      followedByMe: false,
      followerCount: 0,
    });
  });
});

describe('ratedWith', () => {
  it('adds a first rating', () => {
    expect(ratedWith({ average: null, count: 0, mine: null }, 4)).toEqual({
      average: 4,
      count: 1,
      mine: 4,
    });
  });

  it('replaces my rating without changing the count', () => {
    // others: 5 and 3; mine was 1 → average 3; now mine is 4 → (5 + 3 + 4) / 3 = 4
    expect(ratedWith({ average: 3, count: 3, mine: 1 }, 4)).toEqual({
      average: 4,
      count: 3,
      mine: 4,
    });
  });

  it('removes my rating with 0', () => {
    expect(ratedWith({ average: 3, count: 3, mine: 1 }, 0)).toEqual({
      average: 4,
      count: 2,
      mine: null,
    });
    expect(ratedWith({ average: 2, count: 1, mine: 2 }, 0)).toEqual({
      average: null,
      count: 0,
      mine: null,
    });
  });
});
