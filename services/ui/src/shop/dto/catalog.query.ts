import { ToInt } from '@retail/service-kit';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';

/** `/catalog` query (spec/ui.md §5): non-numeric page or size is a 400. */
export class CatalogQuery {
  @IsString() @MaxLength(200) tag = '';
  // The catalog refuses a page past a 32-bit integer; the visitor gets the 400, not a 502.
  @ToInt() @IsInt() @Min(1) @Max(2_147_483_647) page = 1;
  @ToInt() @IsInt() @Min(1) @Max(100) size = 3;
}
