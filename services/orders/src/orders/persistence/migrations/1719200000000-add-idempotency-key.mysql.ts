import { MigrationInterface, QueryRunner } from 'typeorm';

/** The PostgreSQL migration's MySQL/MariaDB twin: a unique index allows any number of NULLs. */
export class AddIdempotencyKeyMysql1719200000000 implements MigrationInterface {
  name = 'AddIdempotencyKeyMysql1719200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE order_entity
      ADD COLUMN idempotency_key VARCHAR(255) NULL,
      ADD UNIQUE KEY order_entity_idempotency_key (idempotency_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE order_entity DROP COLUMN idempotency_key');
  }
}
