import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reference's three tables. IF NOT EXISTS lets a database the reference created (and seeded)
 * be taken over unchanged.
 */
export class CreateCatalogSchema1719000000000 implements MigrationInterface {
  name = 'CreateCatalogSchema1719000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS product (
      product_id VARCHAR(40) NOT NULL,
      name VARCHAR(20),
      description VARCHAR(200),
      price INT,
      count INT,
      image_url VARCHAR(40),
      PRIMARY KEY (product_id))`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS tag (
      tag_id MEDIUMINT NOT NULL AUTO_INCREMENT,
      name VARCHAR(20),
      display_name VARCHAR(20),
      PRIMARY KEY (tag_id))`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS product_tag (
      product_id VARCHAR(40),
      tag_id MEDIUMINT NOT NULL,
      FOREIGN KEY (product_id) REFERENCES product (product_id),
      FOREIGN KEY (tag_id) REFERENCES tag (tag_id))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS product_tag');
    await queryRunner.query('DROP TABLE IF EXISTS tag');
    await queryRunner.query('DROP TABLE IF EXISTS product');
  }
}
