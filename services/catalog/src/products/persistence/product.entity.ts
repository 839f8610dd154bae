import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// Table shapes of the reference's schema (spec/catalog.md §8), so an existing database works.

@Entity('product')
export class ProductEntity {
  @PrimaryColumn({ name: 'product_id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  @Column({ type: 'int', nullable: true })
  price!: number | null;

  @Column({ type: 'int', nullable: true })
  count!: number | null;

  @Column({ name: 'image_url', type: 'varchar', length: 40, nullable: true })
  imageUrl!: string | null;
}

@Entity('tag')
export class TagEntity {
  @PrimaryGeneratedColumn({ name: 'tag_id', type: 'mediumint' })
  id!: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  name!: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 20, nullable: true })
  displayName!: string | null;
}
