export * from './contract/devices';
export * from './contract/push-types';
export * from './contract/tokens';
export * from './contract/errors';
export * from './contract/health';
export * from './mask';
