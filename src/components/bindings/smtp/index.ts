export { type SmtpOperation, smtpBinding, smtpOperations } from './smtp-binding.js';
