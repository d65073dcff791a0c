import { getSchema, RuleType, ValidateService } from '@midwayjs/validate';

type MessageTables = Record<string, Record<string, unknown>>;
// Typed as always present, but a class without rules has none.
type DtoSchema = ReturnType<typeof getSchema> | undefined;

/** The two members of @midwayjs/validate's singleton that this module replaces. */
interface ValidateServiceInternals {
  messages: MessageTables;
  getSchema(clz: new (...args: never[]) => unknown): DtoSchema;
}

/**
 * @midwayjs/validate 3.20 rebuilds the Joi schema from a DTO's rules on every request and hands
 * Joi every locale's message table as raw strings, which Joi parses into templates on every call.
 * Profiling the cached job feed put two thirds of its CPU there. Same rules, same messages: the
 * templates are compiled once at start-up and each DTO's schema once, on first use.
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
    if (!schemas.has(clz)) schemas.set(clz, getSchema(clz));
    return schemas.get(clz);
  };
}
