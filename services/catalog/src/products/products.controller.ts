import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { CatalogSize, Product, Tag } from '@retail/contracts';
import { ListProductsQuery, TagsQuery } from './dto/catalog.query';
import {
  ErrorResponse,
  ProductResponse,
  SizeResponse,
  TagResponse,
  toProductBody,
  toTagBody,
} from './dto/catalog.responses';
import { ProductsService } from './products.service';

@ApiTags('catalogue')
@ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'The database did not answer' })
@Controller('catalogue')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOkResponse({ type: [ProductResponse] })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'page or size is not a whole number ≥ 0',
  })
  async list(@Query() query: ListProductsQuery): Promise<Product[]> {
    return (await this.products.list(query)).map(toProductBody);
  }

  @Get('size')
  @ApiOkResponse({ type: SizeResponse })
  async size(@Query() query: TagsQuery): Promise<CatalogSize> {
    return { size: await this.products.count(query.tags) };
  }

  @Get('tags')
  @ApiOkResponse({ type: [TagResponse] })
  async tags(): Promise<Tag[]> {
    return (await this.products.tags()).map(toTagBody);
  }

  @Get('product/:id')
  @ApiOkResponse({ type: ProductResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async get(@Param('id') id: string): Promise<Product> {
    return toProductBody(await this.products.get(id));
  }
}
