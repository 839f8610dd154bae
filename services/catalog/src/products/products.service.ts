import { Injectable } from '@nestjs/common';
import { CATALOG_ORDERS } from '@retail/contracts';
import { Product, ProductOrder, Tag } from './product';
import { ProductNotFoundError } from './products.errors';
import { ProductsRepository } from './persistence/products.repository';

export interface ListProducts {
  tags: string[];
  /** One of CATALOG_ORDERS; anything else, empty included, sorts by id. */
  order: string;
  /** 1-based. */
  page: number;
  size: number;
}

@Injectable()
export class ProductsService {
  constructor(private readonly repository: ProductsRepository) {}

  /** One page of products. Page 0 or size 0 is an empty page, as in the reference. */
  async list({ tags, order, page, size }: ListProducts): Promise<Product[]> {
    const offset = (page - 1) * size;
    if (page === 0 || size === 0 || !Number.isSafeInteger(offset)) return [];
    return this.repository.find({ tags, order: toOrder(order), offset, limit: size });
  }

  count(tags: string[]): Promise<number> {
    return this.repository.count(tags);
  }

  tags(): Promise<Tag[]> {
    return this.repository.tags();
  }

  async get(id: string): Promise<Product> {
    const product = await this.repository.findById(id);
    if (!product) throw new ProductNotFoundError(id);
    return product;
  }
}

const toOrder = (order: string): ProductOrder =>
  (CATALOG_ORDERS as readonly string[]).includes(order) ? (order as ProductOrder) : 'id';
