import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Checkout, CheckoutRequest, CheckoutSubmitted } from '@retail/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CheckoutService } from './checkout.service';
import { CheckoutRequestDto } from './dto/checkout-request.dto';
import {
  CheckoutResponse,
  CheckoutSubmittedResponse,
  ErrorResponse,
} from './dto/checkout.responses';

@ApiTags('checkout')
@ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'Redis did not answer' })
@Controller('checkout')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  @Get(':customerId')
  @ApiOkResponse({ type: CheckoutResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  getCheckout(@Param('customerId') customerId: string): Promise<Checkout> {
    return this.checkout.get(customerId);
  }

  /**
   * Creates or replaces the checkout; 201 as in the reference. The DTO parameter only runs the
   * rules: with our pipe options Nest hands back a rebuilt copy whose keys follow the DTO's
   * declaration order, and the spec stores the body exactly as received, so the received body is
   * what gets stored.
   */
  @Post(':customerId/update')
  @ApiCreatedResponse({ type: CheckoutResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'One message per broken rule' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Body over 100 kB' })
  updateCheckout(
    @Param('customerId') customerId: string,
    @Body() _validated: CheckoutRequestDto,
    @Req() received: FastifyRequest,
  ): Promise<Checkout> {
    return this.checkout.update(customerId, received.body as CheckoutRequest);
  }

  /**
   * Idempotent: the first submit answers 201; any repeat of it, concurrent or later, answers 200
   * with the first one's body, and no second order is placed.
   */
  @Post(':customerId/submit')
  @ApiCreatedResponse({ type: CheckoutSubmittedResponse, description: 'The order placed' })
  @ApiOkResponse({
    type: CheckoutSubmittedResponse,
    description: 'A repeat of a submit that placed the order: its answer, nothing placed',
  })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'No shipping address or no items' })
  @ApiBadGatewayResponse({
    type: ErrorResponse,
    description: 'Orders failed or is unreachable; the checkout is kept',
  })
  async submitCheckout(
    @Param('customerId') customerId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckoutSubmitted> {
    const { answer, repeated } = await this.checkout.submit(customerId);
    if (repeated) reply.status(HttpStatus.OK);
    return answer;
  }
}
