import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

// Fastify's router matches path parameters of at most 100 characters; bodies keep to the same
// bound so every stored line can be addressed by its path.
export const MAX_ID_LENGTH = 100;

// A line's DynamoDB key is `<customerId>:<itemId>`; a customer id without `:` keeps keys unique.
const NO_COLON = { message: '$property must not contain ":"' };

export class CartParams {
  @ApiProperty({ example: 'abc123' })
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  @Matches(/^[^:]*$/, NO_COLON)
  customerId!: string;
}

export class ItemParams extends CartParams {
  @ApiProperty({ example: 'd27cf49f-b689-4a75-a249-d373e0330bb5' })
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  itemId!: string;
}

export class MergeQuery {
  @ApiProperty({ description: 'The session whose cart moves into the customer cart' })
  @IsString({ message: '$property is required, once' })
  @Length(1, MAX_ID_LENGTH)
  @Matches(/^[^:]*$/, NO_COLON)
  sessionId!: string;
}
