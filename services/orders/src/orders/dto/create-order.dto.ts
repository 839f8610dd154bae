import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT, MAX_ORDER_ITEMS, MAX_TEXT_LENGTH, PRINTABLE_TEXT } from '@retail/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const REQUIRED = { message: '$property is required' };
const NOT_BLANK = { message: '$property must not be blank' };

/** A string a database stores as sent: at most 255 characters, no control character (NUL). */
const Text = () =>
  applyDecorators(
    IsString(),
    Matches(PRINTABLE_TEXT, { message: '$property must not contain control characters' }),
    MaxLength(MAX_TEXT_LENGTH),
  );

/** A whole number 0..2^31-1, or absent/null (stored as 0, as the reference does). */
const Amount = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_AMOUNT, description }),
    IsOptional(),
    IsInt(),
    Min(0),
    Max(MAX_AMOUNT),
  );

export class CreateOrderItemDto {
  @ApiPropertyOptional({
    example: 'a1258cd2-176c-4507-ade6-746dab5ad625',
    maxLength: MAX_TEXT_LENGTH,
  })
  @IsOptional()
  @Text()
  productId?: string | null;

  @ApiProperty({ example: 'Pocket Watch', maxLength: MAX_TEXT_LENGTH })
  @IsDefined(REQUIRED)
  @Text()
  @Matches(/\S/, NOT_BLANK)
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
  @ApiProperty({ example: 'John', maxLength: MAX_TEXT_LENGTH })
  @IsDefined(REQUIRED)
  @Text()
  @Matches(/\S/, NOT_BLANK)
  firstName!: string;

  @ApiPropertyOptional({ example: 'Doe', maxLength: MAX_TEXT_LENGTH, nullable: true })
  @IsOptional()
  @Text()
  lastName?: string | null;

  @ApiPropertyOptional({ example: 'john@example.com', maxLength: MAX_TEXT_LENGTH, nullable: true })
  @IsOptional()
  @Text()
  email?: string | null;

  @ApiProperty({ type: [CreateOrderItemDto], minItems: 1, maxItems: MAX_ORDER_ITEMS })
  @IsDefined(REQUIRED)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ORDER_ITEMS)
  // ValidateNested alone lets an array through as an item (`[[]]`): each must be an object.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CreateOrderItemDto)
  items!: CreateOrderItemDto[];
}
