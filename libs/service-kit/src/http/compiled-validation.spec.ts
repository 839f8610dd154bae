import {
  type ArgumentMetadata,
  HttpException,
  ValidationPipe,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsEmail,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import fc from 'fast-check';
import { CompiledValidationPipe } from './compiled-validation';

// The rules the services' DTOs use (cart item, checkout request, order), on small classes.
class Line {
  @IsString() @Matches(/\S/, { message: '$property must not be empty' }) @MaxLength(8) id!: string;
  @IsInt() @Min(0) @Max(10) quantity!: number;
  @IsOptional() @IsString() note?: string | null;
}

class Address {
  @IsString() city!: string;
  @IsOptional() @IsString() line2?: string | null;
}

class Order {
  @IsDefined({ message: '$property is required' }) @IsString() @MaxLength(10) name!: string;
  @IsOptional() @IsEmail() email?: string | null;
  @ValidateIf((o: Order) => o.lines !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => Line)
  lines?: Line[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => Address) address?: Address | null;
  @IsOptional() @IsString({ each: true }) tags?: string[];
}

class Padded {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  name!: string;
}

const asBody = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({
  type: 'body',
  metatype,
});

// The services' two ways: cart and orders (DTO instances, unknown fields dropped), checkout
// (the body as received, Nest's default messages).
const MODES: [string, ValidationPipeOptions][] = [
  ['whitelist + transform', { whitelist: true, transform: true, validateCustomDecorators: true }],
  ['as received', { whitelist: false, transform: false, stopAtFirstError: false }],
];

type Outcome = { value: unknown } | { status: number; response: unknown };

async function outcome(pipe: ValidationPipe, body: unknown, metatype = Order): Promise<Outcome> {
  try {
    // The pipe may change what it is given (it strips `__proto__` keys): each gets its own copy.
    return { value: await pipe.transform(structuredClone(body), asBody(metatype)) };
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    return { status: error.getStatus(), response: error.getResponse() };
  }
}

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', 'abc'));
const json = fc.jsonValue({ maxDepth: 2 });
/** JSON a client could add beside the declared fields (no key named like an Object member). */
const extraJson = fc.dictionary(
  fc.stringMatching(/^[a-z]{1,6}$/).filter((key) => !(key in Object.prototype)),
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer())),
  { maxKeys: 3 },
);
const validLine = fc.record(
  {
    id: fc.stringMatching(/^\w{1,8}$/),
    quantity: fc.integer({ min: 0, max: 10 }),
    note: fc.option(fc.string()),
    extra: extraJson,
  },
  { requiredKeys: ['id', 'quantity'] },
);
const validOrder = fc.record(
  {
    name: fc.stringMatching(/^\w{0,10}$/),
    email: fc.option(fc.constantFrom('jane@example.com', 'a.b@shop.io')),
    lines: fc.array(validLine, { minLength: 1, maxLength: 3 }),
    address: fc.option(
      fc.record({ city: fc.string(), line2: fc.option(fc.string()) }, { requiredKeys: ['city'] }),
    ),
    other: extraJson,
  },
  { requiredKeys: ['name'] },
);
/** Each field valid, of the wrong type, out of range or absent; lines and address nested. */
const anyOrder = fc.record(
  {
    name: fc.oneof(text, json),
    email: fc.oneof(fc.constantFrom('jane@example.com', 'nope', null), json),
    lines: fc.oneof(
      fc.array(
        fc.oneof(
          validLine,
          fc.record(
            {
              id: fc.oneof(text, json),
              quantity: fc.oneof(fc.integer({ min: -2, max: 12 }), json),
            },
            { requiredKeys: [] },
          ),
          json,
        ),
        { maxLength: 4 },
      ),
      json,
    ),
    address: fc.oneof(fc.record({ city: fc.oneof(text, json) }, { requiredKeys: [] }), json),
    tags: fc.oneof(fc.array(text, { maxLength: 2 }), json),
    other: json,
  },
  { requiredKeys: [] },
);

describe.each(MODES)('CompiledValidationPipe (%s)', (_, options) => {
  const compiled = new CompiledValidationPipe(options);
  const nest = new ValidationPipe(options);
  let pipeRuns: jest.SpyInstance;

  beforeEach(() => (pipeRuns = jest.spyOn(ValidationPipe.prototype, 'transform')));
  afterEach(() => pipeRuns.mockRestore());

  it('accepts any body ValidationPipe accepts, and gives back the same value', async () => {
    await fc.assert(
      fc.asyncProperty(anyOrder, async (body) => {
        expect(await outcome(compiled, body)).toStrictEqual(await outcome(nest, body));
      }),
      { numRuns: 400 },
    );
  });

  it('answers a valid body without running ValidationPipe', async () => {
    await fc.assert(
      fc.asyncProperty(validOrder, async (body) => {
        const expected = await outcome(nest, body);
        pipeRuns.mockClear();
        expect(await outcome(compiled, body)).toStrictEqual(expected);
        expect(pipeRuns).not.toHaveBeenCalled();
      }),
      { numRuns: 100 },
    );
  });

  it("rejects a broken rule with ValidationPipe's own status and messages", async () => {
    const body = { name: 'x'.repeat(11), lines: [{ id: ' ', quantity: 11 }], address: [] };
    const rejected = await outcome(compiled, body);
    expect(rejected).toStrictEqual(await outcome(nest, body));
    expect(rejected).toMatchObject({ status: 400 });
  });

  it('leaves a class with a @Transform to ValidationPipe', async () => {
    const padded = await outcome(compiled, { name: ' a ' }, Padded);
    expect(padded).toStrictEqual(await outcome(nest, { name: ' a ' }, Padded));
    expect(pipeRuns).toHaveBeenCalledTimes(2);
  });
});

it('leaves every body to ValidationPipe under options that change what passes', async () => {
  const options = { whitelist: true, transform: true, skipMissingProperties: true };
  const compiled = new CompiledValidationPipe(options);
  const pipeRuns = jest.spyOn(ValidationPipe.prototype, 'transform');
  try {
    expect(await outcome(compiled, { lines: [{ id: 'a', quantity: 1 }] })).toStrictEqual(
      await outcome(new ValidationPipe(options), { lines: [{ id: 'a', quantity: 1 }] }),
    );
    expect(pipeRuns).toHaveBeenCalledTimes(2);
  } finally {
    pipeRuns.mockRestore();
  }
});
