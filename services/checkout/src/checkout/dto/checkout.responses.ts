import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Checkout, CheckoutSubmitted, ShippingOption, ShippingRates } from '@retail/contracts';
import { CheckoutRequestDto } from './checkout-request.dto';

// Classes only so the OpenAPI document can describe the bodies; the shapes are the contracts'.

export class ShippingOptionResponse implements ShippingOption {
  @ApiProperty({ example: 'Priority Mail Express' }) name!: string;
  @ApiProperty({ example: 15 }) amount!: number;
  @ApiProperty({ example: 'priority-mail-express' }) token!: string;
  @ApiProperty({ example: 5 }) estimatedDays!: number;
}

export class ShippingRatesResponse implements ShippingRates {
  @ApiProperty({ description: '32 random characters, new on every update' }) shipmentId!: string;
  @ApiProperty({ type: [ShippingOptionResponse] }) rates!: ShippingOptionResponse[];
}

export class CheckoutResponse implements Checkout {
  @ApiProperty({ type: ShippingRatesResponse }) shippingRates!: ShippingRatesResponse;
  @ApiProperty({ type: CheckoutRequestDto, description: 'The last update body, as sent' })
  request!: CheckoutRequestDto;
  @ApiProperty({ description: '16 random characters, new on every update' }) paymentId!: string;
  @ApiProperty({ description: '32 random characters, new on every update' })
  paymentToken!: string;
  @ApiProperty({ example: 15, description: "The chosen rate's amount; -1 when none is chosen" })
  shipping!: number;
  @ApiProperty({ example: 39, description: 'floor(subtotal × 0.05); -1 without an address' })
  tax!: number;
  @ApiProperty({ example: 849, description: 'subtotal + tax + shipping, a -1 counting as 0' })
  total!: number;
}

export class CheckoutSubmittedResponse implements CheckoutSubmitted {
  @ApiPropertyOptional({ example: '5b7a1c9e-0d7f-4d0e-9a59-3c2b8f1f2a10' }) orderId?: string;
  @ApiPropertyOptional({ example: 'jane@example.com', nullable: true })
  customerEmail?: string | null;
}

export class ErrorResponse {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'Checkout not found',
  })
  message!: string | string[];
  @ApiProperty({ example: 'Not Found' }) error!: string;
}
