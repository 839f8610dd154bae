import {
  type ArgumentMetadata,
  type Type,
  ValidationPipe,
  type ValidationPipeOptions,
} from '@nestjs/common';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, type ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps its decorators' metadata in this store and has no public accessor
// for it; tools that derive schemas from DTO classes (class-validator-jsonschema) read it too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerStorage;
};

type Instance = Record<string, unknown>;
type Rule = (value: unknown, object: Instance) => boolean;

interface PropertyPlan {
  readonly name: string;
  /** `@IsOptional`, `@ValidateIf`: the rules below apply only when every one is true. */
  readonly conditions: ((object: Instance, value: unknown) => unknown)[];
  /** `@IsDefined` first, then every other rule, as class-validator runs them. */
  readonly rules: Rule[];
  /** `@ValidateNested` with `@Type(() => Class)`: the nested class's plan. */
  nested?: ClassPlan;
}

interface ClassPlan {
  readonly type: Type<Instance>;
  readonly properties: Map<string, PropertyPlan>;
}

/**
 * Nest's ValidationPipe, with a compiled fast path for request bodies. The first time it sees
 * a DTO class it reads the class's class-validator and class-transformer decorators once into a
 * plan: per property, the very constraint functions class-validator would call. A body that
 * passes that plan is returned as the pipe would return it (the DTO instance when `transform`
 * is on, a plain copy of it when off) without class-transformer's generic copies and
 * class-validator's error objects and promises. Anything else goes through ValidationPipe itself: a body that breaks a
 * rule (so every error body and status is the pipe's own), a shape the plan does not cover
 * (nested arrays, objects where a value is expected), a class with decorators the plan does not
 * know (`@Transform`, `@Expose`, async rules, groups), and options that change what passes.
 */
export class CompiledValidationPipe extends ValidationPipe {
  private readonly plans = new Map<Type, ClassPlan | null>();
  private readonly mode: 'instance' | 'body' | undefined;

  constructor(options: ValidationPipeOptions = {}) {
    super(options);
    this.mode = fastPathMode(options);
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const accepted = this.precheck(value, metadata);
    return accepted === undefined ? super.transform(value, metadata) : Promise.resolve(accepted);
  }

  /** What the pipe would return for `value`, or undefined to let the pipe itself decide. */
  private precheck(value: unknown, metadata: ArgumentMetadata): unknown {
    const { type, metatype } = metadata;
    if (!this.mode || (type !== 'body' && type !== 'custom') || !metatype) return undefined;
    if (!this.toValidate(metadata) || !isPlainObject(value)) return undefined;
    const plan = this.planOf(metatype);
    if (!plan) return undefined;
    const instance = build(plan, value, this.mode === 'instance');
    if (!instance || !passes(plan, instance)) return undefined;
    if (this.mode === 'instance') return instance;
    const copy = plainCopy(instance);
    return copy === UNCOVERED ? undefined : copy;
  }

  private planOf(type: Type): ClassPlan | undefined {
    if (!this.plans.has(type)) compile(type, this.plans);
    return this.plans.get(type) ?? undefined;
  }
}

/**
 * The two option sets the fast path reproduces: `whitelist` + `transform` (the DTO instance,
 * unknown fields dropped) and neither (the body as received). Any other option that changes
 * what passes or what comes out leaves every request to ValidationPipe.
 */
function fastPathMode(options: ValidationPipeOptions): 'instance' | 'body' | undefined {
  const neutral = new Set([
    'whitelist',
    'transform',
    'stopAtFirstError',
    'exceptionFactory',
    'validateCustomDecorators',
    'forbidUnknownValues',
    'validationError',
    'dismissDefaultMessages',
    'disableErrorMessages',
    'errorHttpStatusCode',
    'enableDebugMessages',
  ]);
  const set = Object.entries(options).filter(([, v]) => v !== undefined);
  if (set.some(([key]) => !neutral.has(key))) return undefined;
  if (options.whitelist && options.transform) return 'instance';
  if (!options.whitelist && !options.transform) return 'body';
  return undefined;
}

/** An object literal or JSON object (of any realm), not an array or a class instance. */
function isPlainObject(value: unknown): value is Instance {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Fills `plans` with the plan of `type` and of the classes nested in it (null: not covered). */
function compile(type: Type, plans: Map<Type, ClassPlan | null>): void {
  const plan: ClassPlan = { type: type as Type<Instance>, properties: new Map() };
  plans.set(type, plan); // before the nested classes, which may refer back to this one
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(type, '', false, false);
  const covered =
    metadatas.length > 0 &&
    !hasTransformerRules(type) &&
    !hasAccessors(type) &&
    metadatas.every((m) => compileInto(plan, m, plans));
  if (!covered) plans.set(type, null);
}

function compileInto(
  plan: ClassPlan,
  metadata: ValidationMetadata,
  plans: Map<Type, ClassPlan | null>,
): boolean {
  if (metadata.always !== undefined || (metadata.groups?.length ?? 0) > 0) return false;
  const name = metadata.propertyName;
  let property = plan.properties.get(name);
  if (!property) plan.properties.set(name, (property = { name, conditions: [], rules: [] }));
  switch (metadata.type) {
    case ValidationTypes.WHITELIST:
      return true;
    case ValidationTypes.CONDITIONAL_VALIDATION:
      property.conditions.push(metadata.constraints[0] as PropertyPlan['conditions'][number]);
      return true;
    case ValidationTypes.IS_DEFINED:
    case ValidationTypes.CUSTOM_VALIDATION: {
      const rule = compileRule(metadata);
      if (!rule) return false;
      if (metadata.type === ValidationTypes.IS_DEFINED) property.rules.unshift(rule);
      else property.rules.push(rule);
      return true;
    }
    case ValidationTypes.NESTED_VALIDATION: {
      const typeMetadata = defaultMetadataStorage.findTypeMetadata(plan.type, name);
      if (!typeMetadata || typeMetadata.options?.discriminator) return false;
      const nestedType = typeMetadata.typeFunction() as Type;
      if (!plans.has(nestedType)) compile(nestedType, plans);
      property.nested = plans.get(nestedType) ?? undefined;
      return property.nested !== undefined;
    }
    default:
      return false;
  }
}

/** One decorator's check: its constraint's own `validate`, on each item with `each`. */
function compileRule(metadata: ValidationMetadata): Rule | undefined {
  const constraints = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
  if (constraints.length === 0 || constraints.some((c) => c.async)) return undefined;
  const validators = constraints.map(
    (c) => c.instance as { validate(value: unknown, args: ValidationArguments): unknown },
  );
  return (value, object) => {
    const args: ValidationArguments = {
      targetName: object.constructor.name,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    // A promise (an async rule in a sync constraint) is left to the pipe.
    const ok = (item: unknown) =>
      validators.every((v) => {
        const result = v.validate(item, args);
        return result instanceof Promise ? false : Boolean(result);
      });
    return metadata.each && Array.isArray(value) ? value.every(ok) : ok(value);
  };
}

/** `@Type` on a property that is not nested, `@Transform`, `@Expose`, `@Exclude`: not covered. */
function hasTransformerRules(type: Type): boolean {
  const store = defaultMetadataStorage as unknown as Record<
    '_typeMetadatas' | '_transformMetadatas' | '_exposeMetadatas' | '_excludeMetadatas',
    Map<object, Map<string, unknown>>
  >;
  const nested = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(type, '', false, false)
      .filter((m) => m.type === ValidationTypes.NESTED_VALIDATION)
      .map((m) => m.propertyName),
  );
  for (let t: object = type; t !== Function.prototype; t = Object.getPrototypeOf(t) as object) {
    if ((store._transformMetadatas.get(t)?.size ?? 0) > 0) return true;
    if ((store._exposeMetadatas.get(t)?.size ?? 0) > 0) return true;
    if ((store._excludeMetadatas.get(t)?.size ?? 0) > 0) return true;
    if ([...(store._typeMetadatas.get(t)?.keys() ?? [])].some((p) => !nested.has(p))) return true;
  }
  return false;
}

/** Getters, setters and methods, which class-transformer treats apart: not covered. */
function hasAccessors(type: Type): boolean {
  for (
    let p = type.prototype as object;
    p !== Object.prototype;
    p = Object.getPrototypeOf(p) as object
  ) {
    if (Object.getOwnPropertyNames(p).some((n) => n !== 'constructor')) return true;
  }
  return false;
}

/**
 * The instance class-transformer would make of `source` (and class-validator's whitelist would
 * leave), or undefined for a shape the plan does not cover: a key named like an Object member
 * (`__proto__`, `toString`: the pipe and class-transformer drop them), an array in an array, an
 * object where no nested class is declared.
 */
function build(plan: ClassPlan, source: Instance, whitelist: boolean): Instance | undefined {
  const instance = new plan.type();
  for (const key of Object.keys(source)) {
    if (key in Object.prototype) return undefined;
    const value = source[key];
    const property = plan.properties.get(key);
    if (!property) {
      if (!whitelist) instance[key] = value;
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      instance[key] = value;
    } else if (!property.nested) {
      return undefined;
    } else if (Array.isArray(value)) {
      const items: Instance[] = [];
      for (const item of value) {
        const built = isPlainObject(item) ? build(property.nested, item, whitelist) : undefined;
        if (!built) return undefined;
        items.push(built);
      }
      instance[key] = items;
    } else {
      const built = isPlainObject(value) ? build(property.nested, value, whitelist) : undefined;
      if (!built) return undefined;
      instance[key] = built;
    }
  }
  return instance;
}

/** class-validator's verdict on a built instance, in the order its executor checks. */
function passes(plan: ClassPlan, object: Instance): boolean {
  for (const property of plan.properties.values()) {
    const value = object[property.name];
    if (!property.conditions.every((condition) => condition(object, value))) continue;
    if (!property.rules.every((rule) => rule(value, object))) return false;
    if (property.nested && value !== undefined) {
      const { nested } = property;
      const items: unknown[] = Array.isArray(value) ? value : [value];
      // Built items are instances; a primitive or null here is a broken rule.
      if (!items.every((item) => item instanceof nested.type && passes(nested, item))) {
        return false;
      }
    }
  }
  return true;
}

const UNCOVERED = Symbol('uncovered');

/**
 * What class-transformer's classToPlain makes of a built instance: plain objects all through;
 * UNCOVERED when a field the plan did not check has a key class-transformer would drop.
 */
function plainCopy(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(plainCopy);
    return items.includes(UNCOVERED) ? UNCOVERED : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  const copy: Instance = {};
  for (const [key, item] of Object.entries(value)) {
    if (key in Object.prototype) return UNCOVERED;
    const itemCopy = plainCopy(item);
    if (itemCopy === UNCOVERED) return UNCOVERED;
    copy[key] = itemCopy;
  }
  return copy;
}
