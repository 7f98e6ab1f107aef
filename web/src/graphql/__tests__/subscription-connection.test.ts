import {
  onSubscriptionReconnected,
  resetSubscriptionConnection,
  subscriptionConnectionChanged,
} from '../subscription-connection';

describe('subscription socket reconnects (the bell refetches its count on them)', () => {
  beforeEach(() => resetSubscriptionConnection());

  it('tells listeners when the socket connects again after a drop, not on the first connect', () => {
    const reconnects: number[] = [];
    const stop = onSubscriptionReconnected(() => reconnects.push(reconnects.length + 1));
    subscriptionConnectionChanged(true); // first connect
    expect(reconnects).toEqual([]);
    subscriptionConnectionChanged(false); // dropped
    subscriptionConnectionChanged(true); // back
    expect(reconnects).toEqual([1]);
    subscriptionConnectionChanged(true); // no drop in between
    expect(reconnects).toEqual([1]);
    stop();
    subscriptionConnectionChanged(false);
    subscriptionConnectionChanged(true);
    expect(reconnects).toEqual([1]);
  });

  it('a close before any connection (a failed first attempt) is not a reconnect', () => {
    const reconnects: string[] = [];
    onSubscriptionReconnected(() => reconnects.push('again'));
    subscriptionConnectionChanged(false);
    subscriptionConnectionChanged(true);
    expect(reconnects).toEqual([]);
  });
});
