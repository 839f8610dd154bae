import { ApiProperty } from '@nestjs/swagger';
import type {
  CatalogError,
  CatalogSize,
  Product as ProductBody,
  Tag as TagBody,
} from '@retail/contracts';
import { Product, Tag } from '../product';

// Classes only so the OpenAPI document can describe the bodies; the shapes are the contracts'.

export class ProductResponse implements ProductBody {
  @ApiProperty({ example: '808a2de1-1aaa-4c25-a9b9-6612e8f29a38' }) id!: string;
  @ApiProperty({ example: 'Chronograf Classic' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '/assets/chrono_classic.jpg' }) imageUrl!: string;
  @ApiProperty({ example: 5100, description: 'Whole dollars' }) price!: number;
  @ApiProperty({ example: 9 }) count!: number;
  @ApiProperty({ type: [String], example: ['dress', 'luxury'] }) tag!: string[];
}

export class TagResponse implements TagBody {
  @ApiProperty({ example: 'smart' }) name!: string;
  @ApiProperty({ example: 'Smart' }) displayName!: string;
}

export class SizeResponse implements CatalogSize {
  @ApiProperty({ example: 6 }) size!: number;
}

export class ErrorResponse implements CatalogError {
  @ApiProperty({ example: 404 }) code!: number;
  @ApiProperty({ example: 'not found' }) message!: string;
}

/** Field order as the reference emits it. */
export const toProductBody = (p: Product): ProductBody => ({
  id: p.id,
  name: p.name,
  description: p.description,
  imageUrl: p.imageUrl,
  price: p.price,
  count: p.count,
  tag: p.tags,
});

export const toTagBody = (t: Tag): TagBody => ({ name: t.name, displayName: t.displayName });
