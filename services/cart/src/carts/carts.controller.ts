import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Cart, CartItem } from '@retail/contracts';
import { JsonObjectBody } from '../http/json-object-body.decorator';
import { SingleQuery } from '../http/single-query.decorator';
import { CartsService } from './carts.service';
import { CUSTOMER_ID, ITEM_ID } from './dto/cart-id.pipe';
import {
  CartResponse,
  EmptiedCartResponse,
  ErrorResponse,
  ItemResponse,
  toItemBody,
} from './dto/cart.responses';
import { ItemBody } from './dto/item.body';

@ApiTags('carts')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A parameter or the body is invalid' })
@ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'DynamoDB did not answer' })
@Controller('carts')
export class CartsController {
  constructor(private readonly carts: CartsService) {}

  @Get(':customerId')
  @ApiOkResponse({ type: CartResponse, description: 'An unknown cart is empty' })
  async get(@Param('customerId', CUSTOMER_ID) customerId: string): Promise<Cart> {
    return { customerId, items: (await this.carts.items(customerId)).map(toItemBody) };
  }

  @Delete(':customerId')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: EmptiedCartResponse })
  async clear(@Param('customerId', CUSTOMER_ID) customerId: string): Promise<EmptiedCartResponse> {
    await this.carts.clear(customerId);
    return { customerId: null, items: [] };
  }

  @Get(':customerId/merge')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: "The session cart's items moved into the customer cart" })
  @ApiQuery({ name: 'sessionId', required: true, description: 'The session whose cart moves in' })
  async merge(
    @Param('customerId', CUSTOMER_ID) customerId: string,
    @SingleQuery('sessionId', CUSTOMER_ID) sessionId: string,
  ): Promise<void> {
    await this.carts.merge(customerId, sessionId);
  }

  @Get(':customerId/items')
  @ApiOkResponse({ type: [ItemResponse] })
  async items(@Param('customerId', CUSTOMER_ID) customerId: string): Promise<CartItem[]> {
    return (await this.carts.items(customerId)).map(toItemBody);
  }

  @Post(':customerId/items')
  @ApiBody({ type: ItemBody })
  @ApiCreatedResponse({ type: ItemResponse, description: 'The line as stored' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponse })
  async add(
    @Param('customerId', CUSTOMER_ID) customerId: string,
    @JsonObjectBody() item: ItemBody,
  ): Promise<CartItem> {
    return toItemBody(await this.carts.add(customerId, toItemBody(item)));
  }

  @Patch(':customerId/items')
  @HttpCode(202)
  @ApiBody({ type: ItemBody })
  @ApiAcceptedResponse({ description: 'Quantity and price replaced' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponse })
  async update(
    @Param('customerId', CUSTOMER_ID) customerId: string,
    @JsonObjectBody() item: ItemBody,
  ): Promise<void> {
    await this.carts.update(customerId, toItemBody(item));
  }

  @Get(':customerId/items/:itemId')
  @ApiOkResponse({ type: ItemResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async item(
    @Param('customerId', CUSTOMER_ID) customerId: string,
    @Param('itemId', ITEM_ID) itemId: string,
  ): Promise<CartItem> {
    return toItemBody(await this.carts.item(customerId, itemId));
  }

  @Delete(':customerId/items/:itemId')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Removed, or was not there' })
  async remove(
    @Param('customerId', CUSTOMER_ID) customerId: string,
    @Param('itemId', ITEM_ID) itemId: string,
  ): Promise<void> {
    await this.carts.remove(customerId, itemId);
  }
}
