import { getClassExtendedMetadata, INJECT_CUSTOM_PROPERTY } from '@midwayjs/core';
import { getSchema, RuleType, ValidateService } from '@midwayjs/validate';
import { unsafeTextProblem } from '../contract/text';
import { BizError } from './errors';
import { validationMessage, type ValidationDetail } from './validation-messages';

type MessageTables = Record<string, Record<string, unknown>>;
type ObjectSchema = NonNullable<ReturnType<typeof getSchema>>;
// Typed as always present, but a class without rules has none.
type DtoSchema = ObjectSchema | undefined;
type Schema = ReturnType<typeof RuleType.any>;
type DtoClass = new (...args: never[]) => unknown;

/** The members of @midwayjs/validate's singleton that this module replaces. */
interface ValidateServiceInternals {
  messages: MessageTables;
  getSchema(clz: DtoClass): DtoSchema;
  validateWithSchema(schema: Schema | undefined, value: unknown, options?: object): { value: unknown } | undefined;
}

/** @midwayjs/swagger keeps each property's `@ApiProperty` options as a custom property record. */
interface ApiPropertyRecord {
  key: string;
  metadata?: { description?: string };
}

const bodyRules = new WeakMap<object, (schema: ObjectSchema) => ObjectSchema>();

/**
 * A rule over the whole body (several fields together), added to the DTO's Joi schema: the validator
 * enforces it and the API document states it. Midway's own class-level `@Rule` is a no-op.
 */
export function BodyRule(refine: (schema: ObjectSchema) => ObjectSchema): ClassDecorator {
  return target => {
    bodyRules.set(target, refine);
  };
}

/** The DTO class's Joi schema: its field rules plus its `@BodyRule`. */
export function dtoSchema(clz: DtoClass): DtoSchema {
  const schema = getSchema(clz);
  const refine = bodyRules.get(clz);
  return schema && refine ? refine(schema) : schema;
}

/**
 * A field's Chinese label from the head of its API description ("统一社会信用代码（18位）" →
 * "统一社会信用代码"); none when the description does not start with a short Chinese name.
 */
export function labelFromDescription(description: string | undefined): string | undefined {
  const head = description?.split(/[（(，,：:；;、。\s]/)[0];
  if (!head || !/^[\u4e00-\u9fa5][\u4e00-\u9fa5A-Za-z0-9]{1,11}$/.test(head) || head.endsWith('的')) return undefined;
  return head;
}

/** The DTO's schema with every top-level field that has no `.label()` labelled from its API description. */
function labelled(clz: DtoClass, schema: ObjectSchema): ObjectSchema {
  const props = (getClassExtendedMetadata(INJECT_CUSTOM_PROPERTY, clz) ?? {}) as Record<string, ApiPropertyRecord>;
  const labels = Object.entries(props).flatMap(([key, p]) => {
    const label = p.key === 'swagger/apiModelProperties' ? labelFromDescription(p.metadata?.description) : undefined;
    return label ? [[key, label] as const] : [];
  });
  return labels.reduce<ObjectSchema>((s, [key, label]) => {
    const child = s.$_terms.keys?.find((k: { key: string }) => k.key === key);
    if (!child || child.schema.$_getFlag('label') !== undefined) return s;
    return s.fork([key], field => field.label(label));
  }, schema);
}

/** Deeper than the body guard lets through; keeps the walk bounded for values built elsewhere. */
const MAX_WALK_DEPTH = 64;

/** The first string (value or key) in a validated value holding a character no user text may hold. */
export function findUnsafeText(value: unknown, path: Array<string | number> = [], depth = 0): { path: Array<string | number>; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(value);
    return problem ? { path, problem } : undefined;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_WALK_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = unsafeTextProblem(key);
    if (keyProblem) return { path: [...path, key], problem: `字段名${keyProblem}` };
    const found = findUnsafeText(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

function labelAt(schema: Schema, path: ReadonlyArray<string | number>): string | undefined {
  if (path.some(p => typeof p === 'number')) return undefined;
  try {
    return schema.extract(path.map(String)).$_getFlag('label') as string | undefined;
  } catch {
    // A path through a pattern or an alternative has no single schema: the label falls back to the path.
    return undefined;
  }
}

/** The refusal of a validated value holding control characters, bidi overrides or lone surrogates. */
function refuseUnsafeText(schema: Schema, value: unknown): void {
  const found = findUnsafeText(value);
  if (!found) return;
  const detail: ValidationDetail = { type: 'text.unsafe', path: found.path, context: { label: labelAt(schema, found.path), problem: found.problem } };
  throw new BizError('TEXT_CHARACTER_NOT_ALLOWED', validationMessage(detail), found.path.map(String).join('.'));
}

/**
 * Three things happen here, once for every DTO of every route, so no field can forget them:
 *
 * - @midwayjs/validate 3.20 rebuilds the Joi schema from a DTO's rules on every request and hands Joi
 *   every locale's message table as raw strings, which Joi parses into templates on every call
 *   (two thirds of the cached job feed's CPU). The templates are compiled once at start-up and each
 *   DTO's schema once, on first use.
 * - Each top-level field without a `.label()` is labelled from its API description, so a refusal names
 *   it in Chinese (the messages themselves are built in `validation-messages.ts`).
 * - Every string the validator lets through, and every key, is checked against the one text rule
 *   (`contract/text.ts`): 422 `TEXT_CHARACTER_NOT_ALLOWED` naming the field, never silently stripped.
 */
export function compileValidationOnce(service: ValidateService): void {
  const internals = service as unknown as ValidateServiceInternals;
  internals.messages = Object.fromEntries(
    Object.entries(internals.messages).map(([locale, table]) => [
      locale,
      Object.fromEntries(
        Object.entries(table).map(([code, text]) => [code, typeof text === 'string' ? RuleType.expression(text) : text]),
      ),
    ]),
  );
  const schemas = new WeakMap<object, DtoSchema>();
  internals.getSchema = clz => {
    if (!schemas.has(clz)) {
      const schema = dtoSchema(clz);
      schemas.set(clz, schema && labelled(clz, schema));
    }
    return schemas.get(clz);
  };
  const validateWithSchema = internals.validateWithSchema.bind(service);
  internals.validateWithSchema = (schema, value, options) => {
    const result = validateWithSchema(schema, value, options);
    if (schema && result) refuseUnsafeText(schema, result.value);
    return result;
  };
}
