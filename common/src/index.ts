import 'reflect-metadata';

export * from './config';
export * from './errors';
export * from './events';
export * from './graphql';
export * from './logging';
export * from './metrics';
export * from './mongo';
export * from './server';
export * from './identity';
export * from './media';
export * from './storage';
export * from './text';
