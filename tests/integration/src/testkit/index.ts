export * from './stack';
export * from './flows';
export * from './web';
export * from './audio';
export * from './uploads';
export * from './subscriptions';
export * from './comments';
export * from './jam';
