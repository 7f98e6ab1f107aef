import { ApolloClient, InMemoryCache } from '@apollo/client';
import { parse } from 'graphql';
import type { Client } from 'graphql-ws';
import { COMMENT_ADDED_SUBSCRIPTION } from '@/comments/comments.operations';
import { isSubscription, retryDelayMs, SubscriptionLink, webSocketUrl } from '../subscription-link';

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

  it('tells the operation each time its subscription is sent again (a new socket), not the first time', () => {
    const listeners: Record<string, Array<() => void>> = { closed: [], connected: [] };
    let subscribes = 0;
    const fakeClient = {
      subscribe: () => {
        subscribes += 1;
        return () => undefined;
      },
      on: (event: string, listener: () => void) => {
        listeners[event]!.push(listener);
        return () => listeners[event]!.splice(listeners[event]!.indexOf(listener), 1);
      },
    } as unknown as Client;
    const emit = (event: string) => listeners[event]!.forEach((listener) => listener());
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new SubscriptionLink(fakeClient),
    });
    let resubscribed = 0;
    const subscription = client
      .subscribe({
        query: COMMENT_ADDED_SUBSCRIPTION,
        variables: { targetType: 'SONG', targetId: 's1' },
        context: { onResubscribe: () => (resubscribed += 1) },
      })
      .subscribe({});
    emit('connected');
    expect(subscribes).toBe(1);
    expect(resubscribed).toBe(0);
    emit('closed');
    emit('connected');
    expect(resubscribed).toBe(1);
    emit('connected');
    expect(resubscribed).toBe(1);
    subscription.unsubscribe();
    expect(listeners.closed).toHaveLength(0);
    expect(listeners.connected).toHaveLength(0);
  });
});
