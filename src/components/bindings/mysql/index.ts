export { type MysqlOperation, mysqlBinding, mysqlOperations } from './mysql-binding.js';
