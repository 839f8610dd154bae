import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { withTimeout } from '@retail/service-kit';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { Product, ProductOrder, ProductQuery, Tag } from '../product';
import { CatalogUnavailableError } from '../products.errors';
import { ProductEntity, TagEntity } from './product.entity';
import { ProductsRepository } from './products.repository';

const ORDER_BY: Record<ProductOrder, [string, 'ASC' | 'DESC'] | undefined> = {
  id: undefined,
  price_asc: ['p.price', 'ASC'],
  price_desc: ['p.price', 'DESC'],
  name_asc: ['p.name', 'ASC'],
  name_desc: ['p.name', 'DESC'],
};

// A query that outlives this is answered 503 rather than holding the request (DESIGN: no hangs).
const QUERY_TIMEOUT_MS = 5000;

/**
 * MySQL/MariaDB storage over the reference's tables. Every query is parameterised and built with
 * the query builder, which sends reads to the replica when DB_READ_ENDPOINT is configured.
 */
@Injectable()
export class TypeOrmProductsRepository extends ProductsRepository {
  constructor(
    @InjectRepository(ProductEntity) private readonly products: Repository<ProductEntity>,
    @InjectRepository(TagEntity) private readonly allTags: Repository<TagEntity>,
  ) {
    super();
  }

  find(query: ProductQuery): Promise<Product[]> {
    return guarded(async () => {
      const qb = this.visibleProducts(query.tags).offset(query.offset).limit(query.limit);
      const order = ORDER_BY[query.order];
      if (order) qb.orderBy(order[0], order[1]).addOrderBy('p.id', 'ASC');
      else qb.orderBy('p.id', 'ASC');
      return this.withTags(await qb.getMany());
    });
  }

  count(tags: string[]): Promise<number> {
    return guarded(() => this.visibleProducts(tags).getCount());
  }

  findById(id: string): Promise<Product | undefined> {
    return guarded(async () => {
      const entity = await this.visibleProducts([]).andWhere('p.id = :id', { id }).getOne();
      return entity ? (await this.withTags([entity]))[0] : undefined;
    });
  }

  tags(): Promise<Tag[]> {
    return guarded(async () => {
      const rows = await this.allTags.createQueryBuilder('t').orderBy('t.id', 'ASC').getMany();
      return rows.map((t) => ({ name: t.name ?? '', displayName: t.displayName ?? '' }));
    });
  }

  /** Products with at least one tag, or with any of `tags` (names, case-insensitive in MySQL). */
  private visibleProducts(tags: string[]): SelectQueryBuilder<ProductEntity> {
    const qb = this.products.createQueryBuilder('p');
    return qb.where((outer) => {
      const sub = outer
        .subQuery()
        .select('1')
        .from('product_tag', 'pt')
        .innerJoin('tag', 't', 't.tag_id = pt.tag_id')
        .where('pt.product_id = p.product_id');
      if (tags.length > 0) sub.andWhere('t.name IN (:...tags)', { tags });
      return `EXISTS ${sub.getQuery()}`;
    });
  }

  private async withTags(entities: ProductEntity[]): Promise<Product[]> {
    if (entities.length === 0) return [];
    const rows: { productId: string; name: string }[] = await this.products.manager
      .createQueryBuilder()
      .select('pt.product_id', 'productId')
      .addSelect('t.name', 'name')
      .from('product_tag', 'pt')
      .innerJoin('tag', 't', 't.tag_id = pt.tag_id')
      .where('pt.product_id IN (:...ids)', { ids: entities.map((e) => e.id) })
      .orderBy('t.tag_id', 'ASC')
      .getRawMany();
    const tagsOf = new Map<string, string[]>();
    for (const row of rows)
      tagsOf.set(row.productId, [...(tagsOf.get(row.productId) ?? []), row.name]);
    return entities.map((e) => ({
      id: e.id,
      name: e.name ?? '',
      description: e.description ?? '',
      imageUrl: e.imageUrl ?? '',
      price: e.price ?? 0,
      count: e.count ?? 0,
      tags: [...new Set(tagsOf.get(e.id) ?? [])],
    }));
  }
}

/** Any storage failure, or no answer in time, becomes CatalogUnavailableError (503). */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(work(), QUERY_TIMEOUT_MS);
  } catch (error) {
    throw new CatalogUnavailableError(error);
  }
}
