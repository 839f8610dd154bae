import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MaxLength,
  ValidateNested,
} from 'class-validator';

// The reference's columns: VARCHAR(255) and INT.
const MAX_TEXT = 255;
const MAX_INT = 2_147_483_647;
// Far above any real basket; keeps one order inside a database's bound-parameter limit.
const MAX_ITEMS = 1000;

const REQUIRED = { message: '$property is required' };
const NOT_BLANK = { message: '$property must not be blank' };

/** A whole number 0..2^31-1, or absent/null (stored as 0, as the reference does). */
const Amount = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_INT, description }),
    IsOptional(),
    IsInt(),
    Min(0),
    Max(MAX_INT),
  );

export class CreateOrderItemDto {
  @ApiPropertyOptional({ example: 'a1258cd2-176c-4507-ade6-746dab5ad625', maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  productId?: string | null;

  @ApiProperty({ example: 'Pocket Watch', maxLength: MAX_TEXT })
  @IsDefined(REQUIRED)
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(MAX_TEXT)
  name!: string;

  @Amount('Defaults to 0')
  quantity?: number | null;

  @Amount('Stored as sent; when absent, `price` is the unit cost')
  unitCost?: number | null;

  @Amount('Stored as sent: the server computes nothing')
  totalCost?: number | null;

  @Amount('What checkout sends for the unit cost; used when `unitCost` is absent')
  price?: number | null;
}

/** `POST /orders`. Unknown fields, `id` included, are dropped. */
export class CreateOrderDto {
  @ApiProperty({ example: 'John', maxLength: MAX_TEXT })
  @IsDefined(REQUIRED)
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(MAX_TEXT)
  firstName!: string;

  @ApiPropertyOptional({ example: 'Doe', maxLength: MAX_TEXT, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  lastName?: string | null;

  @ApiPropertyOptional({ example: 'john@example.com', maxLength: MAX_TEXT, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  email?: string | null;

  @ApiProperty({ type: [CreateOrderItemDto], minItems: 1, maxItems: MAX_ITEMS })
  @IsDefined(REQUIRED)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => CreateOrderItemDto)
  items!: CreateOrderItemDto[];
}
