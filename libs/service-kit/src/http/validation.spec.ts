import { type ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Min } from 'class-validator';
import { ToInt } from '../config/load-env';
import { createValidationPipe, REMEMBERED_QUERIES } from './validation';

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
  let validations: jest.SpyInstance;
  const pipe = () => createValidationPipe();

  beforeEach(() => {
    validations = jest.spyOn(ValidationPipe.prototype, 'transform');
  });
  afterEach(() => validations.mockRestore());

  it('turns a query into its DTO, dropping undeclared fields', async () => {
    const dto = await pipe().transform({ tags: 'a,b', page: '2', other: 'x' }, asQuery);
    expect(dto).toBeInstanceOf(PageQuery);
    expect({ ...dto }).toEqual({ tags: ['a', 'b'], page: 2 });
  });

  it('validates a query once and then hands out equal copies that do not share state', async () => {
    const validate = pipe();
    const first = await validate.transform({ tags: 'a', page: '2' }, asQuery);
    const second = await validate.transform({ tags: 'a', page: '2' }, asQuery);
    expect(validations).toHaveBeenCalledTimes(1);
    expect(second).toBeInstanceOf(PageQuery);
    expect(second).toEqual(first);
    second.tags.push('changed');
    second.page = 9;
    const third = await validate.transform({ tags: 'a', page: '2' }, asQuery);
    expect({ ...first }).toEqual({ tags: ['a'], page: 2 });
    expect({ ...third }).toEqual({ tags: ['a'], page: 2 });
  });

  it('rejects a bad query every time it comes, naming the field', async () => {
    const validate = pipe();
    for (let i = 0; i < 2; i++) {
      await expect(validate.transform({ page: '0' }, asQuery)).rejects.toThrow(
        new BadRequestException('page must not be less than 1'),
      );
    }
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('validates a body every time, even one it has seen', async () => {
    const validate = pipe();
    await validate.transform({ page: 3 }, asBody);
    await validate.transform({ page: 3 }, asBody);
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it(`forgets the oldest query once it holds ${REMEMBERED_QUERIES}`, async () => {
    const validate = pipe();
    for (let page = 1; page <= REMEMBERED_QUERIES + 1; page++) {
      await validate.transform({ page: String(page) }, asQuery);
    }
    validations.mockClear();
    await validate.transform({ page: String(REMEMBERED_QUERIES + 1) }, asQuery);
    expect(validations).not.toHaveBeenCalled();
    await expect(validate.transform({ page: '1' }, asQuery)).resolves.toEqual({
      tags: [],
      page: 1,
    });
    expect(validations).toHaveBeenCalledTimes(1);
  });
});
