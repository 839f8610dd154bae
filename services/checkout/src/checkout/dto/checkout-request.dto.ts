import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CheckoutItem, CheckoutRequest, ShippingAddress } from '@retail/contracts';
import { MAX_AMOUNT, MAX_ORDER_ITEMS, MAX_TEXT_LENGTH, PRINTABLE_TEXT } from '@retail/contracts';
import { Type } from 'class-transformer';
import {
  buildMessage,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

// The rules of spec/checkout.md "Validation rules", checked by Nest's default ValidationPipe
// (no whitelist, no transform): the body is stored exactly as received, unknown fields and nulls
// included, so these classes only validate. Decorators run bottom-up: `@Min` is listed last so its
// message comes first, as the spec shows.
//
// Plus the limits orders keeps (@retail/contracts), so a checkout accepted here can always be
// placed. Each of these judges only a value of its own type (a string, a number, an array): a
// value of the wrong type keeps exactly the spec's messages.

/** A rule on values that pass `applies`; others are left to the type rules. */
const Limit = (
  name: string,
  applies: (v: unknown) => boolean,
  ok: (v: never) => boolean,
  message: string,
) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => !applies(value) || ok(value as never),
      defaultMessage: buildMessage((each) => `${each}$property ${message}`),
    },
  });

const isString = (v: unknown) => typeof v === 'string';
const isNumber = (v: unknown) => typeof v === 'number';

/** At most 255 characters and no control character (NUL included): what orders stores. */
const Text = () =>
  applyDecorators(
    Limit(
      'printableText',
      isString,
      (v: string) => PRINTABLE_TEXT.test(v),
      'must not contain control characters',
    ),
    Limit(
      'maxTextLength',
      isString,
      (v: string) => v.length <= MAX_TEXT_LENGTH,
      `must be shorter than or equal to ${MAX_TEXT_LENGTH} characters`,
    ),
  );

/** An amount orders can store (its INT columns): 1e308 is an integer to JavaScript. */
const Amount = () =>
  Limit(
    'maxAmount',
    isNumber,
    (v: number) => v <= MAX_AMOUNT,
    `must not be greater than ${MAX_AMOUNT}`,
  );

export class CheckoutItemDto implements CheckoutItem {
  @ApiProperty({ example: '510a0d7e-8e83-4193-b483-e27e09ddc34d' }) @Text() @IsString() id!: string;
  @ApiProperty({ example: 'Gentleman' }) @Text() @IsString() name!: string;
  @ApiProperty({ example: 1 }) @Amount() @IsInt() @Min(0) quantity!: number;
  @ApiProperty({ example: 795 }) @Amount() @IsInt() @Min(0) unitCost!: number;
  @ApiProperty({ example: 795 }) @Amount() @IsInt() @Min(0) totalCost!: number;
  @ApiProperty({ example: '/assets/img/products/gentleman.jpg' })
  @Text()
  @IsString()
  imageUrl!: string;
}

export class ShippingAddressDto implements ShippingAddress {
  @ApiProperty({ example: 'Jane' }) @Text() @IsString() firstName!: string;
  @ApiProperty({ example: 'Doe' }) @Text() @IsString() lastName!: string;
  @ApiProperty({ example: '100 Main St' }) @Text() @IsString() address1!: string;
  @ApiPropertyOptional({ example: 'Apt 4', nullable: true })
  @IsOptional()
  @Text()
  @IsString()
  address2?: string | null;
  @ApiProperty({ example: 'Anytown' }) @Text() @IsString() city!: string;
  @ApiProperty({ example: 'WA' }) @Text() @IsString() state!: string;
  @ApiProperty({ example: '98101' }) @Text() @IsString() zip!: string;
}

export class CheckoutRequestDto implements CheckoutRequest {
  @ApiPropertyOptional({ example: 'jane@example.com', nullable: true })
  @IsOptional()
  @Text()
  @IsEmail()
  customerEmail?: string | null;

  @ApiPropertyOptional({ type: [CheckoutItemDto], maxItems: MAX_ORDER_ITEMS })
  // Missing is fine, null is not (spec): only an absent value skips the rules.
  @ValidateIf((r: CheckoutRequestDto) => r.items !== undefined)
  // ValidateNested passes an array inside the array (`[[]]`): an item must be an object.
  @Limit(
    'itemsAreObjects',
    Array.isArray,
    (v: unknown[]) => !v.some(Array.isArray),
    'must hold objects, not arrays',
  )
  @Limit(
    'maxItems',
    Array.isArray,
    (v: unknown[]) => v.length <= MAX_ORDER_ITEMS,
    `must contain no more than ${MAX_ORDER_ITEMS} elements`,
  )
  @ValidateNested({ each: true })
  @Type(() => CheckoutItemDto)
  items?: CheckoutItemDto[];

  @ApiPropertyOptional({ type: ShippingAddressDto, nullable: true })
  @IsOptional()
  // ValidateNested passes an array, checking its elements: the address must be an object.
  @Limit('addressIsObject', Array.isArray, () => false, 'must be an object, not an array')
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress?: ShippingAddressDto | null;

  @ApiProperty({ example: 795, minimum: 0, maximum: MAX_AMOUNT, description: 'Whole dollars' })
  @Amount()
  @IsInt()
  @Min(0)
  subtotal!: number;

  @ApiPropertyOptional({ example: 'priority-mail-express', nullable: true })
  @IsOptional()
  @Text()
  @IsString()
  deliveryOptionToken?: string | null;
}
