import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `idempotency-key` header of the request that placed each order, unique so a repeated
 * request finds the first order instead of placing another. Orders placed before have none.
 */
export class AddIdempotencyKeyPostgres1719200000000 implements MigrationInterface {
  name = 'AddIdempotencyKeyPostgres1719200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE order_entity ADD COLUMN IF NOT EXISTS idempotency_key VARCHAR(255)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX IF NOT EXISTS order_entity_idempotency_key ON order_entity (idempotency_key)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS order_entity_idempotency_key');
    await queryRunner.query('ALTER TABLE order_entity DROP COLUMN IF EXISTS idempotency_key');
  }
}
