import { ApiProperty, PickType } from '@nestjs/swagger';
import type { Cart, CartItem as CartItemBody, SpringError } from '@retail/contracts';
import { CartItem } from '../cart';
import { ItemBody } from './item.body';

// Classes only so the OpenAPI document can describe the bodies; the shapes are the contracts'.

/** An item as the cart answers it: the fields of the body it was sent in, as stored. */
export class ItemResponse extends PickType(ItemBody, [
  'itemId',
  'quantity',
  'unitPrice',
] as const) {}

export class CartResponse implements Cart {
  @ApiProperty({ example: 'abc123' }) customerId!: string;
  @ApiProperty({ type: [ItemResponse] }) items!: ItemResponse[];
}

/** What DELETE /carts/{customerId} answers, as in the reference: no customer, no items. */
export class EmptiedCartResponse {
  @ApiProperty({ type: String, nullable: true, example: null }) customerId!: null;
  @ApiProperty({ type: [ItemResponse], example: [] }) items!: never[];
}

export class ErrorResponse implements SpringError {
  @ApiProperty({ example: '2024-01-01T00:00:00.000+00:00' }) timestamp!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: '/carts/abc123/items' }) path!: string;
  @ApiProperty({ example: 'quantity must not be less than 1' }) message!: string;
}

/** Field order as the reference emits it. */
export const toItemBody = (i: CartItem): CartItemBody => ({
  itemId: i.itemId,
  quantity: i.quantity,
  unitPrice: i.unitPrice,
});
