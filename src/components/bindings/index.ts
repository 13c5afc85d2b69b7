import type { AnyBindingComponentType } from '../binding-component.js';
import { cronBinding } from './cron/index.js';
import type { HttpOperation } from './http/index.js';
import { httpBinding } from './http/index.js';
import type { LocalStorageOperation } from './localstorage/index.js';
import { localStorageBinding } from './localstorage/index.js';
import type { PostgresqlOperation } from './postgresql/index.js';
import { postgresqlBinding } from './postgresql/index.js';
import type { RedisOperation } from './redis/index.js';
import { redisBinding } from './redis/index.js';

export * from './cron/index.js';
export * from './http/index.js';
export * from './localstorage/index.js';
export * from './postgresql/index.js';
export * from './redis/index.js';

/** The binding types every runtime knows. */
export const builtInBindings: readonly AnyBindingComponentType[] = [
  localStorageBinding,
  httpBinding,
  redisBinding,
  postgresqlBinding,
  cronBinding,
];

/**
 * Operations of each built-in type, for typed clients:
 * `binding<BindingOperations['bindings.redis']>('cache')`.
 */
export interface BindingOperations {
  'bindings.localstorage': LocalStorageOperation;
  'bindings.http': HttpOperation;
  'bindings.redis': RedisOperation;
  'bindings.postgresql': PostgresqlOperation;
  'bindings.postgres': PostgresqlOperation;
}
