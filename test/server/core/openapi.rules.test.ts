import { Rule, RuleType, getSchema } from '@midwayjs/validate';
import { unsafeTextAt } from '../../../server/src/contract/text';
import { usccRule } from '../../../server/src/core/check-digit-rules';
import { calendarDay, calendarInstant } from '../../../server/src/core/calendar-rules';
import { buildDocument, errorStatuses, openApiPath, type RouteFacts } from '../../../server/src/core/openapi/document';
import {
  joiRegexToPattern,
  SAFE_KEY_PATTERN,
  SAFE_TEXT_PATTERN,
  toSchema,
  TRIMMED_PATTERN,
  type JoiDescription,
  type OpenApiSchema,
} from '../../../server/src/core/openapi/joi-schema';
import { ObjectIdParam } from '../../../server/src/core/params';

type Schema = ReturnType<typeof RuleType.any>;

function describe_(schema: Schema): JoiDescription {
  return schema.describe() as JoiDescription;
}

function dto(clz: new () => unknown): JoiDescription {
  return getSchema(clz).describe() as JoiDescription;
}

/** Every pattern a string schema carries (its own and those in allOf). */
function patterns(schema: OpenApiSchema): RegExp[] {
  return [schema.pattern, ...(schema.allOf ?? []).map(s => s.pattern)].filter((p): p is string => p !== undefined).map(p => new RegExp(p, 'u'));
}

function admits(schema: OpenApiSchema, value: string): boolean {
  if (schema.minLength !== undefined && [...value].length < schema.minLength) return false;
  if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return false;
  return patterns(schema).every(p => p.test(value));
}

class BodyDTO {
  @Rule(RuleType.string().trim().min(2).max(30).required())
  name!: string;

  @Rule(RuleType.string().valid('approve', 'reject').required())
  decision!: string;

  @Rule(RuleType.string().trim().max(200).when('decision', { is: 'reject', then: RuleType.required() }))
  reason?: string;

  @Rule(RuleType.number().integer().min(1).max(50).default(20))
  limit!: number;

  @Rule(RuleType.array().items(RuleType.string().trim().min(1).max(12)).max(8).unique().default([]))
  tags!: string[];

  @Rule(RuleType.string().max(100).allow(''))
  note?: string;
}

describe('Joi rules as OpenAPI schemas', () => {
  it('should state required keys at the object level, never inside a property', () => {
    const schema = toSchema(dto(BodyDTO));
    expect(schema.required).toEqual(['name', 'decision']);
    for (const property of Object.values(schema.properties ?? {})) expect(property).not.toHaveProperty('required', false);
    expect(schema.additionalProperties).toBe(false);
  });

  it('should carry lengths, bounds, allowed values, defaults and uniqueness', () => {
    const { properties } = toSchema(dto(BodyDTO));
    expect(properties?.name).toMatchObject({ type: 'string', minLength: 2, maxLength: 30 });
    expect(properties?.decision).toEqual({ type: 'string', enum: ['approve', 'reject'] });
    expect(properties?.limit).toEqual({ type: 'integer', minimum: 1, maximum: 50, default: 20 });
    expect(properties?.tags).toMatchObject({ type: 'array', maxItems: 8, uniqueItems: true, default: [] });
    expect(properties?.tags.items).toMatchObject({ type: 'string', minLength: 1, maxLength: 12 });
  });

  it('should offer the empty string only where Joi allows it', () => {
    const { properties } = toSchema(dto(BodyDTO));
    expect(properties?.limit).not.toHaveProperty('anyOf');
    expect(admits(properties?.name as OpenApiSchema, '')).toBe(false);
    expect(properties?.note?.anyOf).toEqual([expect.objectContaining({ type: 'string', minLength: 1, maxLength: 100 }), { type: 'string', enum: [''] }]);
  });

  it('should say a conditional requirement as a condition on the object', () => {
    const schema = toSchema(dto(BodyDTO));
    const decisionIsReject = { required: ['decision'], properties: { decision: { type: 'string', enum: ['reject'] } } };
    expect(schema.allOf).toEqual([
      {
        anyOf: [
          { allOf: [decisionIsReject, { required: ['reason'] }] },
          { allOf: [{ not: decisionIsReject }, {}] },
        ],
      },
    ]);
  });

  it('should ask trimmed text to come without surrounding white space, so Joi has nothing to trim', () => {
    const trimmed = new RegExp(TRIMMED_PATTERN, 'u');
    expect(trimmed.test('张三')).toBe(true);
    expect(trimmed.test('a b')).toBe(true);
    expect(trimmed.test(' 张三')).toBe(false);
    expect(trimmed.test('张三\n')).toBe(false);
    expect(trimmed.test('张三\ufeff')).toBe(false);
    expect(trimmed.test('张\u202e三')).toBe(false);
  });

  it('should refuse in every string exactly the characters the one text rule refuses', () => {
    const safe = new RegExp(SAFE_TEXT_PATTERN, 'u');
    const disagreements: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (safe.test(ch) !== (unsafeTextAt(ch) === undefined)) disagreements.push(c);
    }
    expect(disagreements).toEqual([]);
    expect(toSchema(describe_(RuleType.string())).pattern).toBe(SAFE_TEXT_PATTERN);
  });

  it('should keep MongoDB operators and unsafe characters out of the keys of free-form objects', () => {
    const keys = new RegExp(SAFE_KEY_PATTERN, 'u');
    expect(keys.test('wx-template_1')).toBe(true);
    expect(keys.test('$where')).toBe(false);
    expect(keys.test('a\u0000b')).toBe(false);
    expect(toSchema(describe_(RuleType.object())).propertyNames).toEqual({ pattern: SAFE_KEY_PATTERN });
  });

  it('should turn a case-insensitive regular expression into one without flags', () => {
    expect(joiRegexToPattern('/^(https?:\\/\\/\\S+)?$/i')).toBe('^([hH][tT][tT][pP][sS]?:\\/\\/\\S+)?$');
    expect(joiRegexToPattern('/^[A-Z]{2}$/')).toBe('^[A-Z]{2}$');
  });

  it('should describe an ObjectId path parameter as 24 hex digits', () => {
    const id = toSchema(dto(ObjectIdParam)).properties?.id as OpenApiSchema;
    expect(id).toMatchObject({ type: 'string', minLength: 24, maxLength: 24 });
    expect(admits(id, '0123456789abcdefABCDEF01')).toBe(true);
    expect(admits(id, '0123456789abcdefABCDEF0g')).toBe(false);
  });

  it('should name the calendar and check-digit rules as formats the fuzzer knows how to satisfy', () => {
    // Years before 0100 are refused: Date.UTC reads them as 19xx.
    const day = toSchema(describe_(calendarDay()));
    expect(day).toMatchObject({ type: 'string', format: 'date' });
    expect(admits(day, '2026-02-28')).toBe(true);
    expect(admits(day, '0041-01-01')).toBe(false);
    expect(toSchema(describe_(calendarInstant().greater('now')))).toMatchObject({ type: 'string', format: 'future-date-time' });
    expect(toSchema(describe_(calendarInstant().greater(RuleType.ref('startAt'))))).toMatchObject({ format: 'date-time', 'x-later-than': 'startAt' });
    expect(toSchema(describe_(usccRule()))).toMatchObject({ type: 'string', format: 'uscc', pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' });
  });

  it('should keep numbers inside the safe integers Joi accepts', () => {
    expect(toSchema(describe_(RuleType.number()))).toEqual({ type: 'number', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });
    expect(toSchema(describe_(RuleType.number().greater(0)))).toMatchObject({ exclusiveMinimum: 0 });
  });

  it('should add what a service enforces beyond Joi when the rule states it', () => {
    const q = toSchema(describe_(RuleType.string().max(40).meta({ openapi: { pattern: '[a-z]', description: '至少一个字母' } })));
    expect(q.description).toBe('至少一个字母');
    expect(admits(q, '1a')).toBe(true);
    expect(admits(q, '12')).toBe(false);
  });

  it('should refuse a Joi rule it cannot say rather than document it wrongly', () => {
    expect(() => toSchema(describe_(RuleType.string().email()))).toThrow('no OpenAPI form for Joi string rule "email"');
  });
});

function route(overrides: Partial<RouteFacts>): RouteFacts {
  return {
    method: 'get',
    path: '/api/things',
    operationId: 'thingController.list',
    tags: ['事物'],
    access: { public: false },
    rateLimited: false,
    takesFile: false,
    successStatus: 200,
    inputs: [],
    ...overrides,
  };
}

describe('The API document', () => {
  it('should declare every path parameter, from the DTO when there is one', () => {
    expect(openApiPath('/api/things/:id/parts/:partId')).toEqual({ path: '/api/things/{id}/parts/{partId}', names: ['id', 'partId'] });
    const doc = buildDocument(
      [route({ path: '/api/things/:id/parts/:partId', inputs: [{ in: 'path', schema: dto(ObjectIdParam) }] })],
      { title: 't', description: 'd', version: '1' },
    );
    const parameters = doc.paths['/api/things/{id}/parts/{partId}'].get.parameters ?? [];
    expect(parameters.map(p => [p.name, p.in, p.required])).toEqual([
      ['id', 'path', true],
      ['partId', 'path', true],
    ]);
    expect(parameters[0].schema).toMatchObject({ minLength: 24, maxLength: 24 });
  });

  it('should reference the one security scheme it defines, and none on public routes', () => {
    const doc = buildDocument([route({}), route({ path: '/api/open', access: { public: true } })], { title: 't', description: 'd', version: '1' });
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['bearer']);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/things'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/open'].get.security).toEqual([]);
  });

  it('should document the error body on every error status a route can answer', () => {
    const guardedChange = route({ method: 'post', path: '/api/things/:id/like', rateLimited: true, inputs: [{ in: 'body' }] });
    expect(errorStatuses(guardedChange)).toEqual([400, 401, 403, 404, 409, 413, 415, 422, 429, 503]);
    expect(errorStatuses(route({ access: { public: true } }))).toEqual([400, 403, 404, 503]);
    const doc = buildDocument([guardedChange], { title: 't', description: 'd', version: '1' });
    const responses = doc.paths['/api/things/{id}/like'].post.responses;
    expect(responses['422'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiError' });
    expect(responses['429'].headers?.['Retry-After']).toBeDefined();
    expect(doc.components.schemas.ApiError.required).toEqual(['code', 'message', 'requestId']);
  });

  it('should answer 204 without a body where the route says so', () => {
    const doc = buildDocument([route({ method: 'post', path: '/api/auth/logout', successStatus: 204 })], { title: 't', description: 'd', version: '1' });
    expect(doc.paths['/api/auth/logout'].post.responses['204']).toEqual({ description: '成功，无内容' });
  });

  it('should take uploads as multipart with one file', () => {
    const doc = buildDocument([route({ method: 'post', path: '/api/things/:id/video', takesFile: true })], { title: 't', description: 'd', version: '1' });
    const body = doc.paths['/api/things/{id}/video'].post.requestBody;
    expect(body?.content['multipart/form-data'].schema).toMatchObject({ required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
  });
});
