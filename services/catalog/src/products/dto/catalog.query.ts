import { ApiPropertyOptional } from '@nestjs/swagger';
import { ToInt } from '@retail/service-kit';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

/** `tags=smart,dress`: comma-separated tag names, not trimmed; only the first `tags=` counts. */
export class TagsQuery {
  @ApiPropertyOptional({
    description: 'Comma-separated tag names; any of them matches',
    example: 'smart,dress',
  })
  @Transform(({ value }) => {
    const v = first(value);
    return typeof v === 'string' ? (v === '' ? [] : v.split(',')) : v;
  })
  @IsString({ each: true })
  tags: string[] = [];
}

// Go's int on the reference's 64-bit builds takes far more, but no catalog needs more than this.
const MAX_INT = 2_147_483_647;

export class ListProductsQuery extends TagsQuery {
  @ApiPropertyOptional({
    description: 'price_asc, price_desc, name_asc or name_desc; anything else sorts by id',
  })
  @Transform(({ value }) => first(value))
  @IsString()
  order = '';

  @ApiPropertyOptional({ description: '1-based page number', default: 1, minimum: 0 })
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  page = 1;

  @ApiPropertyOptional({ description: 'Products per page', default: 10, minimum: 0 })
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  size = 10;
}
