export { type PostgresqlOperation, postgresqlBinding, postgresqlOperations } from './postgresql-binding.js';
