import { parse } from 'graphql';
import { isSubscription, retryDelayMs, webSocketUrl } from '../subscription-link';

describe('subscription link helpers', () => {
  it('turns the router URL into its WebSocket twin', () => {
    expect(webSocketUrl('http://127.0.0.1:4000/graphql')).toBe('ws://127.0.0.1:4000/graphql');
    expect(webSocketUrl('https://api.groovy.example/graphql')).toBe(
      'wss://api.groovy.example/graphql',
    );
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(retryDelayMs(0, () => 0.5)).toBe(500);
    expect(retryDelayMs(3, () => 0.5)).toBe(4_000);
    expect(retryDelayMs(20, () => 0.5)).toBe(15_000);
    expect(retryDelayMs(1, () => 0)).toBe(500);
    expect(retryDelayMs(1, () => 0.999)).toBeLessThan(1_500);
  });

  it('routes subscriptions only to the socket', () => {
    expect(isSubscription(parse('subscription S { a }'))).toBe(true);
    expect(isSubscription(parse('query Q { a }'))).toBe(false);
    expect(isSubscription(parse('mutation M { a }'))).toBe(false);
  });
});
