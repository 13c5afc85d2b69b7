export { type RedisOperation, redisBinding, redisOperations } from './redis-binding.js';
