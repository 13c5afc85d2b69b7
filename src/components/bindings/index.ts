import type { AnyBindingComponentType } from '../binding-component.js';
import { cronBinding } from './cron/index.js';
import type { HttpOperation } from './http/index.js';
import { httpBinding } from './http/index.js';
import type { LocalStorageOperation } from './localstorage/index.js';
import { localStorageBinding } from './localstorage/index.js';
import type { Mqtt3Operation } from './mqtt3/index.js';
import { mqtt3Binding } from './mqtt3/index.js';
import type { MysqlOperation } from './mysql/index.js';
import { mysqlBinding } from './mysql/index.js';
import type { PostgresqlOperation } from './postgresql/index.js';
import { postgresqlBinding } from './postgresql/index.js';
import type { RabbitmqOperation } from './rabbitmq/index.js';
import { rabbitmqBinding } from './rabbitmq/index.js';
import type { RedisOperation } from './redis/index.js';
import { redisBinding } from './redis/index.js';
import type { SmtpOperation } from './smtp/index.js';
import { smtpBinding } from './smtp/index.js';

export * from './cron/index.js';
export * from './http/index.js';
export * from './localstorage/index.js';
export * from './mqtt3/index.js';
export * from './mysql/index.js';
export * from './postgresql/index.js';
export * from './rabbitmq/index.js';
export * from './redis/index.js';
export * from './smtp/index.js';

/** The binding types every runtime knows. */
export const builtInBindings: readonly AnyBindingComponentType[] = [
  localStorageBinding,
  httpBinding,
  redisBinding,
  postgresqlBinding,
  cronBinding,
  rabbitmqBinding,
  mqtt3Binding,
  mysqlBinding,
  smtpBinding,
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
  'bindings.rabbitmq': RabbitmqOperation;
  'bindings.mqtt3': Mqtt3Operation;
  'bindings.mqtt': Mqtt3Operation;
  'bindings.mysql': MysqlOperation;
  'bindings.smtp': SmtpOperation;
}
