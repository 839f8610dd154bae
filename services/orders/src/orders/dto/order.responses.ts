import { ApiProperty } from '@nestjs/swagger';
import type {
  Order as OrderBody,
  OrderItem as OrderItemBody,
  SpringError,
} from '@retail/contracts';
import type { Order } from '../order';

// Classes only so the OpenAPI document can describe the bodies; the shapes are the contracts'.

export class OrderItemResponse implements OrderItemBody {
  @ApiProperty({ type: String, nullable: true }) productId!: string | null;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty({ type: 'integer', description: 'Equal to unitCost' }) price!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) totalCost!: number;
  @ApiProperty({ type: 'integer' }) unitCost!: number;
}

export class OrderResponse implements OrderBody {
  @ApiProperty() firstName!: string;
  @ApiProperty({ type: String, nullable: true }) lastName!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: [OrderItemResponse] }) items!: OrderItemResponse[];
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class ErrorResponse implements SpringError {
  @ApiProperty({ example: '2024-05-01T12:00:00.000+00:00' }) timestamp!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: '/orders' }) path!: string;
  @ApiProperty({ example: 'firstName is required' }) message!: string;
}

/** Keys in the reference's order; `price` repeats `unitCost` (the reference sent 0). */
export const toOrderBody = (o: Order): OrderBody => ({
  firstName: o.firstName,
  lastName: o.lastName,
  email: o.email,
  items: o.items.map((i) => ({
    productId: i.productId,
    quantity: i.quantity,
    price: i.unitCost,
    name: i.name,
    totalCost: i.totalCost,
    unitCost: i.unitCost,
  })),
  id: o.id,
});
