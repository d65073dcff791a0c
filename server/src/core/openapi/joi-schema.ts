/**
 * Joi's `describe()` output turned into OpenAPI 3.1 (JSON Schema 2020-12) schemas, so the document states the rules the
 * validator enforces (types, required keys, allowed values, patterns, lengths, bounds, formats).
 * Where a Joi rule cannot be said in JSON Schema, the schema is made stricter than the rule, never
 * looser: a request valid by the document must be valid for the server.
 */

export interface JoiRule {
  name: string;
  args?: Record<string, unknown>;
}

export interface JoiWhen {
  ref?: { path: string[] };
  is?: JoiDescription;
  then?: JoiDescription;
  otherwise?: JoiDescription;
}

export interface JoiDescription {
  type: string;
  flags?: {
    presence?: 'required' | 'optional' | 'forbidden';
    only?: boolean;
    default?: unknown;
    description?: string;
    format?: string[] | string;
  };
  rules?: JoiRule[];
  allow?: unknown[];
  keys?: Record<string, JoiDescription>;
  items?: JoiDescription[];
  matches?: Array<{ schema?: JoiDescription } & JoiWhen>;
  whens?: JoiWhen[];
  dependencies?: Array<{ rel: string; peers: string[] }>;
  patterns?: Array<{ regex?: string; schema?: JoiDescription; rule: JoiDescription }>;
  /** `.meta({ openapi: {...} })`: what a service enforces beyond Joi, stated beside the rule. */
  metas?: Array<{ openapi?: OpenApiSchema }>;
}

/** The subset of OpenAPI 3.1's Schema Object this converter writes. */
export interface OpenApiSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  nullable?: boolean;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  additionalProperties?: boolean | OpenApiSchema;
  patternProperties?: Record<string, OpenApiSchema>;
  propertyNames?: OpenApiSchema;
  allOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  not?: OpenApiSchema;
  contains?: OpenApiSchema;
  const?: unknown;
  [extension: `x-${string}`]: unknown;
}

/**
 * Formats the document uses beyond OpenAPI's own: the fuzzer is given a generator for each
 * (test/support/schemathesis/hooks.py); any other client reads the description.
 */
export const CUSTOM_FORMATS = {
  /** An ISO 8601 instant later than the moment the server receives it (Joi `date().greater('now')`). */
  futureDateTime: 'future-date-time',
  /** An ISO 8601 instant within the last 30 minutes (a live-room report's moment, live.rules.ts). */
  recentDateTime: 'recent-date-time',
  /** 统一社会信用代码 with its GB 32100-2015 check character (core/check-digit-rules.ts). */
  uscc: 'uscc',
  /** 居民身份证号: an existing birth date, not in the future, and the GB 11643-1999 check digit. */
  residentId: 'resident-id',
  /** A personal bank card: 16 to 19 digits passing Luhn. */
  bankCard: 'bank-card',
} as const;

/** The check-digit types of core/check-digit-rules.ts: what can be said as a pattern, the rest as a format. */
const CHECKED_STRINGS: Record<string, OpenApiSchema> = {
  uscc: { type: 'string', format: CUSTOM_FORMATS.uscc, pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$', description: '统一社会信用代码（18位，含校验位）' },
  residentId: { type: 'string', format: CUSTOM_FORMATS.residentId, pattern: '^[1-9][0-9]{16}[0-9X]$', description: '居民身份证号（18位，出生日期真实，含校验位）' },
  bankCard: { type: 'string', format: CUSTOM_FORMATS.bankCard, pattern: '^[0-9]{16,19}$', description: '银行卡号（16至19位，通过 Luhn 校验）' },
  corporateAccount: { type: 'string', pattern: '^[0-9]{12,30}$', description: '对公银行账号（12至30位数字）' },
};

/** A strict subset of the http(s) URIs Joi's `uri({ scheme })` accepts. */
export const HTTP_URI_PATTERN = "^https?://[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(:[0-9]{1,4})?(/[A-Za-z0-9._~!$&'()*+,;=:@/-]*)?(\\?[A-Za-z0-9._~!$&'()*+,;=:@/?-]*)?$";
const HEX_PATTERN = '^[0-9a-fA-F]*$';
/** Years 0100–9999: `Date.UTC` reads 0000–0099 as 1900–1999, so the calendar check refuses them. */
const CALENDAR_YEAR = '(0[1-9]|[1-9][0-9])[0-9]{2}';
/**
 * The one text rule (contract/text.ts) over every string the validator passes: no C0 controls but
 * tab and line breaks, no DEL/C1, no bidirectional embeddings, overrides or isolates.
 */
const UNSAFE_CHARS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069';
export const SAFE_TEXT_PATTERN = `^[^${UNSAFE_CHARS}]*$`;
/**
 * Safe text without leading or trailing white space, which Joi's `trim()` (with conversion) would
 * remove; one pattern rather than two, so a generator need not filter. JavaScript's `trim()` also
 * strips U+FEFF, which `\\s` of other regex engines may not match.
 */
export const TRIMMED_PATTERN = `^([^\\s\\uFEFF${UNSAFE_CHARS}]([^${UNSAFE_CHARS}]*[^\\s\\uFEFF${UNSAFE_CHARS}])?)?$`;
/** Keys of a free-form object: safe text, and not a MongoDB operator (core/middleware/operator-guard). */
export const SAFE_KEY_PATTERN = `^([^$${UNSAFE_CHARS}][^${UNSAFE_CHARS}]*)?$`;

/** `/^[a-z]+$/i` as Joi prints it, into a pattern without flags (letters outside classes both ways). */
export function joiRegexToPattern(text: string): string {
  const match = /^\/([\s\S]*)\/([a-z]*)$/.exec(text);
  if (!match) return text;
  const [, source, flags] = match;
  if (!flags.includes('i')) return source;
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === ']') {
      inClass = false;
      out += c;
    } else if (!inClass && /[a-zA-Z]/.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else {
      out += c;
    }
  }
  return out;
}

function limit(rule: JoiRule): number {
  const value = rule.args?.limit;
  if (typeof value !== 'number') throw new Error(`no OpenAPI form for Joi rule "${rule.name}" with limit ${JSON.stringify(value)}`);
  return value;
}

/** Adds a pattern; a second one goes into allOf, since a schema holds only one. */
function addPattern(schema: OpenApiSchema, pattern: string): void {
  if (schema.pattern === undefined) schema.pattern = pattern;
  else if (schema.pattern !== pattern) (schema.allOf ??= []).push({ pattern });
}

/**
 * Makes `pattern` the schema's own and moves the one it had into allOf. A generator draws from the
 * own pattern and filters by the others: the narrow one (hex, a phone number) must lead, the broad text
 * rule follow, or almost every draw is thrown away.
 */
function leadPattern(schema: OpenApiSchema, pattern: string): void {
  if (schema.pattern === undefined || schema.pattern === pattern) {
    schema.pattern = pattern;
    return;
  }
  schema.allOf = [{ pattern: schema.pattern }, ...(schema.allOf ?? [])];
  schema.pattern = pattern;
}

function stringSchema(d: JoiDescription): OpenApiSchema {
  const schema: OpenApiSchema = { type: 'string', pattern: SAFE_TEXT_PATTERN };
  for (const rule of d.rules ?? []) {
    switch (rule.name) {
      case 'min':
        schema.minLength = limit(rule);
        break;
      case 'max':
        schema.maxLength = limit(rule);
        break;
      case 'length':
        schema.minLength = limit(rule);
        schema.maxLength = limit(rule);
        break;
      case 'pattern':
        leadPattern(schema, joiRegexToPattern(String(rule.args?.regex ?? '')));
        break;
      case 'hex':
        leadPattern(schema, HEX_PATTERN);
        break;
      case 'trim':
        // Replaces the plain text rule, wherever it stands: it says the same and more.
        if (schema.pattern === SAFE_TEXT_PATTERN) schema.pattern = TRIMMED_PATTERN;
        else schema.allOf = (schema.allOf ?? []).map(p => (p.pattern === SAFE_TEXT_PATTERN ? { pattern: TRIMMED_PATTERN } : p));
        break;
      case 'uri':
        leadPattern(schema, HTTP_URI_PATTERN);
        break;
      case 'isoDate':
        schema.format = 'date-time';
        break;
      case 'case':
        // Joi converts the case before checking the pattern; the document asks for the converted form.
        break;
      default:
        throw new Error(`no OpenAPI form for Joi string rule "${rule.name}"`);
    }
  }
  // Joi refuses '' unless allowed (then `toSchema` offers it as an alternative).
  if (schema.minLength === undefined) schema.minLength = 1;
  return schema;
}

/** `min(Joi.ref('x'))`: the sibling's name, said as an extension since JSON Schema compares no fields. */
function refPath(rule: JoiRule): string | undefined {
  const value = rule.args?.limit;
  if (value && typeof value === 'object' && 'ref' in value) return (value as { ref: { path: string[] } }).ref.path.join('.');
  return undefined;
}

function numberSchema(d: JoiDescription): OpenApiSchema {
  const schema: OpenApiSchema = { type: 'number' };
  for (const rule of d.rules ?? []) {
    const ref = refPath(rule);
    if (ref !== undefined) {
      if (rule.name !== 'min') throw new Error(`no OpenAPI form for Joi number rule "${rule.name}" against another field`);
      schema['x-not-less-than'] = ref;
      schema.description = `不小于 ${ref}`;
      continue;
    }
    switch (rule.name) {
      case 'integer':
        schema.type = 'integer';
        break;
      case 'min':
        schema.minimum = limit(rule);
        break;
      case 'max':
        schema.maximum = limit(rule);
        break;
      case 'greater':
        schema.exclusiveMinimum = limit(rule);
        break;
      case 'less':
        schema.exclusiveMaximum = limit(rule);
        break;
      default:
        throw new Error(`no OpenAPI form for Joi number rule "${rule.name}"`);
    }
  }
  // Joi refuses numbers past the safe integers unless told otherwise.
  if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) schema.minimum = -Number.MAX_SAFE_INTEGER;
  if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) schema.maximum = Number.MAX_SAFE_INTEGER;
  return schema;
}

function dateSchema(d: JoiDescription): OpenApiSchema {
  const schema: OpenApiSchema = { type: 'string', format: 'date-time', pattern: `^${CALENDAR_YEAR}-` };
  for (const rule of d.rules ?? []) {
    if (rule.name !== 'greater') throw new Error(`no OpenAPI form for Joi date rule "${rule.name}"`);
    const bound = rule.args?.date;
    if (bound === 'now') schema.format = CUSTOM_FORMATS.futureDateTime;
    else if (bound && typeof bound === 'object' && 'ref' in bound) {
      const path = (bound as { ref: { path: string[] } }).ref.path.join('.');
      schema['x-later-than'] = path;
      schema.description = `须晚于 ${path}`;
    }
  }
  return schema;
}

function arraySchema(d: JoiDescription): OpenApiSchema {
  const schema: OpenApiSchema = { type: 'array' };
  const items = (d.items ?? []).map(toSchema);
  if (items.length === 1) schema.items = items[0];
  else if (items.length > 1) schema.items = { anyOf: items };
  else schema.items = {};
  for (const rule of d.rules ?? []) {
    switch (rule.name) {
      case 'min':
        schema.minItems = limit(rule);
        break;
      case 'max':
        schema.maxItems = limit(rule);
        break;
      case 'length':
        schema.minItems = limit(rule);
        schema.maxItems = limit(rule);
        break;
      case 'unique': {
        const by = rule.args?.comparator;
        if (by !== undefined && typeof by !== 'string') throw new Error('no OpenAPI form for Joi array.unique with a function');
        schema.uniqueItems = true;
        // Items unique by one key: JSON Schema cannot say it; the extension does (and the description).
        if (typeof by === 'string') {
          schema['x-unique-by'] = by;
          schema.description = `各项的 ${by} 不能重复`;
        }
        break;
      }
      default:
        throw new Error(`no OpenAPI form for Joi array rule "${rule.name}"`);
    }
  }
  return schema;
}

function isRequired(d: JoiDescription | undefined): boolean {
  return d?.flags?.presence === 'required';
}

function isForbidden(d: JoiDescription | undefined): boolean {
  return d?.flags?.presence === 'forbidden';
}

/** `.meta({ openapi: { 'x-when': ... } })`: while `field` is (or is not) one of the values, this field must match `then`. */
interface StatedWhen {
  field: string;
  in?: string[];
  notIn?: string[];
  /** The sibling is a list holding this value. */
  contains?: string;
  then: OpenApiSchema;
}

/**
 * For a DTO field a service requires (non-blank) only while `field` is one of `values`, e.g. a reason
 * when rejecting: `.meta(requiredWhen('decision', ['reject']))` puts the rule in the API document.
 */
export function requiredWhen(field: string, values: readonly string[]): { openapi: OpenApiSchema } {
  return { openapi: { 'x-when': { field, in: [...values], then: { pattern: '\\S' } } } };
}

/**
 * For a DTO object field a service requires keys of while a sibling list holds a value, e.g. a staff
 * role's scope naming its college: `.meta(requiredWhenListed('roles', 'college', ['collegeId']))`.
 * Several such rules on one field: pass them together (`requiredWhenListed` results' `x-when`s joined).
 */
export function requiredWhenListed(rules: Array<{ field: string; value: string; keys: string[] }>): { openapi: OpenApiSchema } {
  return { openapi: { 'x-when': rules.map(r => ({ field: r.field, contains: r.value, then: { required: r.keys } })) } };
}

/** The object-level condition "sibling `ref` matches `is`" as a schema. */
function condition(ref: string, is: JoiDescription): OpenApiSchema {
  const described = toSchema(is);
  const hasShape = Object.keys(described).length > 0;
  return {
    ...(isRequired(is) ? { required: [ref] } : {}),
    ...(hasShape ? { properties: { [ref]: described } } : {}),
  };
}

/** What a `then`/`otherwise` branch asks of key `key`, as an object-level schema. */
function consequence(key: string, branch: JoiDescription | undefined): OpenApiSchema {
  if (!branch) return {};
  if (isForbidden(branch)) return { not: { required: [key] } };
  const schema: OpenApiSchema = {};
  const shape = toSchema(branch);
  if (Object.keys(shape).length > 0) schema.properties = { [key]: shape };
  if (isRequired(branch)) schema.required = [key];
  return schema;
}

function objectSchema(d: JoiDescription): OpenApiSchema {
  const schema: OpenApiSchema = { type: 'object' };
  const properties: Record<string, OpenApiSchema> = {};
  const required: string[] = [];
  const conditions: OpenApiSchema[] = [];
  for (const [key, child] of Object.entries(d.keys ?? {})) {
    if (isForbidden(child) && !child.whens) continue;
    properties[key] = toSchema(child);
    const stated = Object.assign({}, ...(child.metas ?? []).map(m => m.openapi ?? {})) as OpenApiSchema;
    // A service may need the field for some callers only (`x-required` says who): the document asks it of all.
    if (isRequired(child) || stated['x-required'] !== undefined) required.push(key);
    // Two fields a service refuses together.
    const notWith = stated['x-not-with'];
    if (typeof notWith === 'string') conditions.push({ not: { required: [key, notWith] } });
    // A service's rule on this field that holds only when a sibling has one of some values.
    const statedWhens = stated['x-when'] as StatedWhen | StatedWhen[] | undefined;
    for (const when of statedWhens === undefined ? [] : ([] as StatedWhen[]).concat(statedWhens)) {
      const values = { enum: when.in ?? when.notIn };
      const sibling: OpenApiSchema = when.contains !== undefined ? { contains: { const: when.contains } } : when.in ? values : { not: values };
      const holds: OpenApiSchema = { required: [when.field], properties: { [when.field]: sibling } };
      conditions.push({ anyOf: [{ allOf: [holds, { required: [key], properties: { [key]: when.then } }] }, { not: holds }] });
    }
    for (const when of child.whens ?? []) {
      const ref = when.ref?.path;
      if (!ref || ref.length !== 1 || !when.is) throw new Error(`no OpenAPI form for Joi when on "${key}"`);
      const holds = condition(ref[0], when.is);
      conditions.push({
        anyOf: [
          { allOf: [holds, consequence(key, when.then)] },
          { allOf: [{ not: holds }, consequence(key, when.otherwise)] },
        ],
      });
    }
  }
  const keyed = (d.patterns ?? []).filter(p => p.schema);
  if (keyed.length > 1 || (keyed.length === 1 && d.patterns?.length !== 1)) throw new Error('no OpenAPI form for several Joi object patterns keyed by schemas');
  if (Object.keys(properties).length > 0) schema.properties = properties;
  if (keyed.length === 1) {
    // Keys the key schema admits, values the rule admits.
    schema.propertyNames = { allOf: [toSchema(keyed[0].schema as JoiDescription), { pattern: SAFE_KEY_PATTERN }] };
    schema.additionalProperties = toSchema(keyed[0].rule);
  } else if (Object.keys(d.keys ?? {}).length > 0 || d.patterns) {
    // The server drops unknown keys; the document does not offer them (a `$` key is refused outright).
    schema.additionalProperties = false;
    for (const pattern of d.patterns ?? []) {
      (schema.patternProperties ??= {})[joiRegexToPattern(String(pattern.regex))] = toSchema(pattern.rule);
    }
  } else {
    schema.propertyNames = { pattern: SAFE_KEY_PATTERN };
  }
  if (required.length > 0) schema.required = required;
  for (const dependency of d.dependencies ?? []) {
    const each = dependency.peers.map(peer => ({ required: [peer] }));
    if (dependency.rel === 'xor') conditions.push({ oneOf: each });
    else if (dependency.rel === 'or') conditions.push({ anyOf: each });
    else throw new Error(`no OpenAPI form for Joi object dependency "${dependency.rel}"`);
  }
  if (conditions.length > 0) schema.allOf = conditions;
  for (const rule of d.rules ?? []) {
    if (rule.name === 'min') schema.minProperties = limit(rule);
    else if (rule.name === 'max') schema.maxProperties = limit(rule);
    else throw new Error(`no OpenAPI form for Joi object rule "${rule.name}"`);
  }
  return schema;
}

function baseSchema(d: JoiDescription): OpenApiSchema {
  switch (d.type) {
    case 'string':
      return stringSchema(d);
    case 'uscc':
    case 'residentId':
    case 'bankCard':
    case 'corporateAccount':
      // The rule trims and normalises first; the document asks for the normalised form.
      return { ...CHECKED_STRINGS[d.type] };
    case 'calendarDay':
      // The pattern rule it carries is what format "date" already says; the calendar check is the format's.
      return { type: 'string', format: 'date', pattern: `^${CALENDAR_YEAR}-[0-9]{2}-[0-9]{2}$` };
    case 'number':
      return numberSchema(d);
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return dateSchema(d);
    case 'array':
      return arraySchema(d);
    case 'object':
      return objectSchema(d);
    case 'alternatives':
      return { anyOf: (d.matches ?? []).map(m => (m.schema ? toSchema(m.schema) : {})) };
    case 'any':
      return {};
    default:
      throw new Error(`no OpenAPI form for Joi type "${d.type}"`);
  }
}

/** One Joi description as a schema (presence is the parent's business: see `objectSchema`). */
export function toSchema(d: JoiDescription): OpenApiSchema {
  const allowed = (d.allow ?? []).filter(v => v === null || typeof v !== 'object');
  let schema: OpenApiSchema;
  if (d.flags?.only) {
    schema = { enum: allowed };
    const types = new Set(allowed.map(v => typeof v));
    if (types.size === 1) {
      const [only] = [...types];
      if (only === 'string' || only === 'boolean') schema.type = only;
      if (only === 'number') schema.type = allowed.every(v => Number.isInteger(v)) ? 'integer' : 'number';
    }
  } else {
    schema = baseSchema(d);
    if (allowed.length > 0) {
      const extra: OpenApiSchema = { enum: allowed };
      if (allowed.every(v => typeof v === 'string')) extra.type = 'string';
      schema = { anyOf: [schema, extra] };
    }
  }
  if (d.flags?.default !== undefined && typeof d.flags.default !== 'function') schema.default = d.flags.default;
  if (d.flags?.description) schema.description = d.flags.description;
  for (const meta of d.metas ?? []) if (meta.openapi) mergeInto(schema, meta.openapi);
  return schema;
}

/** A stated extra rule joins the schema; a second pattern goes into allOf like any other. */
function mergeInto(schema: OpenApiSchema, extra: OpenApiSchema): void {
  const { pattern, ...rest } = extra;
  if (pattern !== undefined) {
    if (schema.anyOf) addPattern(schema, pattern);
    else leadPattern(schema, pattern);
  }
  Object.assign(schema, rest);
}

/** A DTO's top-level keys as named schemas with their presence (for query and path parameters). */
export function fieldsOf(d: JoiDescription): Array<{ name: string; schema: OpenApiSchema; required: boolean }> {
  return Object.entries(d.keys ?? {})
    .filter(([, child]) => !isForbidden(child))
    .map(([name, child]) => {
      const schema = toSchema(child);
      return { name, schema, required: isRequired(child) || schema['x-required'] !== undefined };
    });
}
