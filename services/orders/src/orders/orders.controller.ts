import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, type Order } from '@retail/contracts';
import { CreateOrderDto } from './dto/create-order.dto';
import { ErrorResponse, OrderResponse, toOrderBody } from './dto/order.responses';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'The database did not answer' })
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOkResponse({ type: [OrderResponse], description: 'Every order, newest first' })
  async list(): Promise<Order[]> {
    return (await this.orders.list()).map(toOrderBody);
  }

  /** 200, not 201, as the reference answers; a repeat with the same idempotency key too. */
  @Post()
  @HttpCode(200)
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: 'One per order: a repeat answers the order first placed with it, storing nothing',
  })
  @ApiOkResponse({ type: OrderResponse, description: 'The stored order with its new id' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The message names the bad field' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponse, description: 'Body is not JSON' })
  async create(
    @Body() body: CreateOrderDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string,
  ): Promise<Order> {
    return toOrderBody(await this.orders.create(body, idempotencyKey));
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async get(@Param('id') id: string): Promise<Order> {
    return toOrderBody(await this.orders.get(id));
  }
}
