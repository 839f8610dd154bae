import { MigrationInterface, QueryRunner } from 'typeorm';

// utf8mb4 for any name; binary collation so ids compare exactly, as in PostgreSQL and in memory.
const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

/**
 * The PostgreSQL schema's MySQL/MariaDB twin. The reference never ran on MySQL, so there is no
 * older database to take over.
 */
export class CreateOrdersSchemaMysql1719100000000 implements MigrationInterface {
  name = 'CreateOrdersSchemaMysql1719100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS order_entity (
      id VARCHAR(255) NOT NULL PRIMARY KEY,
      first_name VARCHAR(255) NOT NULL,
      last_name VARCHAR(255),
      email VARCHAR(255),
      seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS order_item_entity (
      product_id VARCHAR(255),
      name VARCHAR(255) NOT NULL,
      quantity INT,
      unit_cost INT,
      total_cost INT,
      order_entity VARCHAR(255) NOT NULL,
      ordinal INT NOT NULL DEFAULT 0,
      KEY order_item_entity_order (order_entity, ordinal)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS order_outbox (
      seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      event_id VARCHAR(36) NOT NULL,
      event_type VARCHAR(100) NOT NULL,
      order_id VARCHAR(255) NOT NULL,
      payload LONGTEXT NOT NULL,
      created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      sent_at TIMESTAMP(3) NULL,
      KEY order_outbox_unsent (sent_at, seq)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS order_outbox');
    await queryRunner.query('DROP TABLE IF EXISTS order_item_entity');
    await queryRunner.query('DROP TABLE IF EXISTS order_entity');
  }
}
