import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_PRODUCTS, SEED_TAGS } from '../seed';

/** Inserts the seed catalog; each row only when absent, so re-running it changes nothing. */
export class SeedCatalog1719000000001 implements MigrationInterface {
  name = 'SeedCatalog1719000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const tag of SEED_TAGS) {
      await queryRunner.query(
        'INSERT INTO tag (name, display_name) SELECT ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM tag WHERE name = ?)',
        [tag.name, tag.displayName, tag.name],
      );
    }
    for (const p of SEED_PRODUCTS) {
      await queryRunner.query(
        'INSERT IGNORE INTO product (product_id, name, description, price, count, image_url) VALUES (?, ?, ?, ?, ?, ?)',
        [p.id, p.name, p.description, p.price, p.count, p.imageUrl],
      );
      for (const tag of p.tags) {
        await queryRunner.query(
          `INSERT INTO product_tag (product_id, tag_id)
           SELECT ?, t.tag_id FROM tag t WHERE t.name = ?
           AND NOT EXISTS (SELECT 1 FROM product_tag pt WHERE pt.product_id = ? AND pt.tag_id = t.tag_id)`,
          [p.id, tag, p.id],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const ids = SEED_PRODUCTS.map((p) => p.id);
    const marks = ids.map(() => '?').join(', ');
    await queryRunner.query(`DELETE FROM product_tag WHERE product_id IN (${marks})`, ids);
    await queryRunner.query(`DELETE FROM product WHERE product_id IN (${marks})`, ids);
  }
}
