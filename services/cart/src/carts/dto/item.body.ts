import { ApiProperty } from '@nestjs/swagger';
import type { CartItem } from '@retail/contracts';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_INT32 } from '../cart';
import { MAX_ID_LENGTH } from './cart-id.pipe';

/** `Item` as clients send it to POST and PATCH; unknown fields are dropped. */
export class ItemBody implements CartItem {
  @ApiProperty({ example: 'd27cf49f-b689-4a75-a249-d373e0330bb5', maxLength: MAX_ID_LENGTH })
  @IsString()
  @Matches(/\S/, { message: '$property must not be empty' })
  @MaxLength(MAX_ID_LENGTH)
  itemId!: string;

  @ApiProperty({ example: 1, minimum: 1, maximum: MAX_INT32 })
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  quantity!: number;

  @ApiProperty({ example: 150, minimum: 0, maximum: MAX_INT32, description: 'Whole dollars' })
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  unitPrice!: number;
}
