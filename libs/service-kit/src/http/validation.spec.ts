import { type ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Min } from 'class-validator';
import { ToInt } from '../config/load-env';
import { createValidationPipe } from './validation';

class PageQuery {
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',') : value,
  )
  @IsString({ each: true })
  tags: string[] = [];

  @ToInt()
  @IsInt()
  @Min(1)
  page = 1;
}

const asQuery: ArgumentMetadata = { type: 'query', metatype: PageQuery };
const asBody: ArgumentMetadata = { type: 'body', metatype: PageQuery };

describe('the validation pipe', () => {
  const pipe = () => createValidationPipe();

  it('turns a query into its DTO, dropping undeclared fields', async () => {
    const dto = await pipe().transform({ tags: 'a,b', page: '2', other: 'x' }, asQuery);
    expect(dto).toBeInstanceOf(PageQuery);
    expect({ ...dto }).toEqual({ tags: ['a', 'b'], page: 2 });
  });

  it('rejects a bad query with a 400 naming the field', async () => {
    const validate = pipe();
    for (let i = 0; i < 2; i++) {
      await expect(validate.transform({ page: '0' }, asQuery)).rejects.toThrow(
        new BadRequestException('page must not be less than 1'),
      );
    }
  });

  it('turns a body into its DTO, converting values to the declared types', async () => {
    const dto = await pipe().transform({ page: '3', tags: 'a' }, asBody);
    expect(dto).toBeInstanceOf(PageQuery);
    expect({ ...dto }).toEqual({ tags: ['a'], page: 3 });
  });
});
