export { cronBinding } from './cron-binding.js';
export { type CronSchedule, parseSchedule } from './cron-schedule.js';
