import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CheckoutItem, CheckoutRequest, ShippingAddress } from '@retail/contracts';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

// The rules of spec/checkout.md "Validation rules", checked by Nest's default ValidationPipe
// (no whitelist, no transform): the body is stored exactly as received, unknown fields and nulls
// included, so these classes only validate. Decorators run bottom-up: `@Min` is listed last so its
// message comes first, as the spec shows.

export class CheckoutItemDto implements CheckoutItem {
  @ApiProperty({ example: '510a0d7e-8e83-4193-b483-e27e09ddc34d' }) @IsString() id!: string;
  @ApiProperty({ example: 'Gentleman' }) @IsString() name!: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(0) quantity!: number;
  @ApiProperty({ example: 795 }) @IsInt() @Min(0) unitCost!: number;
  @ApiProperty({ example: 795 }) @IsInt() @Min(0) totalCost!: number;
  @ApiProperty({ example: '/assets/img/products/gentleman.jpg' }) @IsString() imageUrl!: string;
}

export class ShippingAddressDto implements ShippingAddress {
  @ApiProperty({ example: 'Jane' }) @IsString() firstName!: string;
  @ApiProperty({ example: 'Doe' }) @IsString() lastName!: string;
  @ApiProperty({ example: '100 Main St' }) @IsString() address1!: string;
  @ApiPropertyOptional({ example: 'Apt 4', nullable: true })
  @IsOptional()
  @IsString()
  address2?: string | null;
  @ApiProperty({ example: 'Anytown' }) @IsString() city!: string;
  @ApiProperty({ example: 'WA' }) @IsString() state!: string;
  @ApiProperty({ example: '98101' }) @IsString() zip!: string;
}

export class CheckoutRequestDto implements CheckoutRequest {
  @ApiPropertyOptional({ example: 'jane@example.com', nullable: true })
  @IsOptional()
  @IsEmail()
  customerEmail?: string | null;

  @ApiPropertyOptional({ type: [CheckoutItemDto] })
  // Missing is fine, null is not (spec): only an absent value skips the rules.
  @ValidateIf((r: CheckoutRequestDto) => r.items !== undefined)
  @ValidateNested({ each: true })
  @Type(() => CheckoutItemDto)
  items?: CheckoutItemDto[];

  @ApiPropertyOptional({ type: ShippingAddressDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress?: ShippingAddressDto | null;

  @ApiProperty({ example: 795, minimum: 0, description: 'Whole dollars' })
  @IsInt()
  @Min(0)
  subtotal!: number;

  @ApiPropertyOptional({ example: 'priority-mail-express', nullable: true })
  @IsOptional()
  @IsString()
  deliveryOptionToken?: string | null;
}
