import { readdirSync } from 'fs';
import { join } from 'path';
import { RuleType, ValidateService } from '@midwayjs/validate';
import { compileValidationOnce, findUnsafeText, labelFromDescription } from '../../../server/src/core/validation';
import { echo, fieldLabel, MAX_ECHO, validationMessage, type ValidationDetail } from '../../../server/src/core/validation-messages';

type Schema = ReturnType<typeof RuleType.any>;
type DtoClass = new (...args: never[]) => unknown;

/** Joi's (and @midwayjs/validate's half-translated) wording, and pieces of regular expressions. */
const LEAKS = [/one of/i, /\bobject\b/i, /\bbool/i, /\bmust\b/i, /pattern/i, /\bregex/i, /\^/, /\\d/, /\[/, /\$\//, /"/, /\{\{/, /\bjoi\b/i];
const MAX_MESSAGE = 100;

function expectClean(message: string, context: string): void {
  for (const leak of LEAKS) {
    if (leak.test(message)) throw new Error(`${context}: message "${message}" leaks ${leak}`);
  }
  if (message.length > MAX_MESSAGE) throw new Error(`${context}: message of ${message.length} characters`);
}

/** Every DTO class of every module (and core's shared ones), each with the schema the running service builds. */
function allDtos(): Array<{ name: string; schema: Schema }> {
  const service = new ValidateService();
  Object.assign(service, { messages: {} });
  compileValidationOnce(service);
  const root = join(__dirname, '../../../server/src');
  const files = [
    join(root, 'core/params.ts'),
    ...readdirSync(join(root, 'modules')).flatMap(m =>
      readdirSync(join(root, 'modules', m))
        .filter(f => f.endsWith('.dto.ts'))
        .map(f => join(root, 'modules', m, f)),
    ),
  ];
  const seen = new Set<unknown>();
  const dtos: Array<{ name: string; schema: Schema }> = [];
  for (const file of files) {
    const exported = require(file) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function' || seen.has(value)) continue;
      seen.add(value);
      const schema = service.getSchema(value as DtoClass) as Schema | undefined;
      if (schema) dtos.push({ name, schema });
    }
  }
  return dtos;
}

interface Described {
  type: string;
  keys?: Record<string, Described>;
  items?: Described[];
  matches?: Array<{ schema?: Described }>;
  rules?: Array<{ name: string; args?: { options?: { name?: string } } }>;
}

const HOSTILE: unknown[] = [
  null,
  12345,
  -1e308,
  1.5,
  true,
  'x',
  '',
  'x'.repeat(100_000),
  '^[a-z]+$\\d',
  '2025-02-30',
  '2025-13-45T10:00:00Z',
  '\u0000\u202e',
  {},
  { a: 1 },
  [],
  [1, 1, 1],
  Array.from({ length: 300 }, () => 'x'),
];

/** Bodies that put each hostile value at every field this schema reaches, nested objects and list items included. */
function* hostileBodies(d: Described, depth = 0): Generator<unknown> {
  yield* HOSTILE;
  if (depth > 4) return;
  if (d.type === 'object' && d.keys) {
    for (const [key, child] of Object.entries(d.keys)) {
      for (const v of hostileBodies(child, depth + 1)) yield { [key]: v };
    }
  }
  if (d.type === 'array') {
    for (const item of d.items ?? []) {
      for (const v of hostileBodies(item, depth + 1)) yield [v];
    }
  }
  for (const m of d.matches ?? []) {
    if (m.schema) yield* hostileBodies(m.schema, depth + 1);
  }
}

/** String rules with a pattern but no human name for it (the message could only say "格式不正确"). */
function unnamedPatterns(d: Described, path: string): string[] {
  const own = (d.rules ?? []).filter(r => r.name === 'pattern' && !r.args?.options?.name).map(() => path);
  const keys = Object.entries(d.keys ?? {}).flatMap(([k, c]) => unnamedPatterns(c, `${path}.${k}`));
  const items = (d.items ?? []).flatMap(c => unnamedPatterns(c, `${path}[]`));
  const matches = (d.matches ?? []).flatMap(m => (m.schema ? unnamedPatterns(m.schema, path) : []));
  return [...own, ...keys, ...items, ...matches];
}

describe('validation messages', () => {
  const dtos = allDtos();

  it('should find the DTO classes of every module', () => {
    expect(dtos.length).toBeGreaterThan(80);
    expect(dtos.map(d => d.name)).toEqual(expect.arrayContaining(['ProfileDTO', 'SubsidyApplicationDTO', 'EnterpriseDTO', 'SlotBatchDTO', 'PageQueryDTO']));
  });

  it('should answer every hostile value at every field of every DTO in Chinese, naming the field, without the validator showing', () => {
    let checked = 0;
    for (const { name, schema } of dtos) {
      const described = schema.describe() as Described;
      for (const body of hostileBodies(described)) {
        const { error } = schema.validate(body, { abortEarly: false, stripUnknown: true });
        for (const detail of error?.details ?? []) {
          const message = validationMessage(detail as ValidationDetail);
          expectClean(message, `${name} ${detail.type} at ${detail.path.join('.')}`);
          expect(message).toMatch(/[\u4e00-\u9fa5]/);
          expect(message).not.toContain('x'.repeat(MAX_ECHO + 1));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('should give every pattern a human name, so the message can say what is expected', () => {
    const unnamed = dtos.flatMap(({ name, schema }) => unnamedPatterns(schema.describe() as Described, name));
    expect(unnamed).toEqual([]);
  });

  it('should list a short set of allowed values and say "not allowed" for a long one', () => {
    const short = RuleType.object({ decision: RuleType.string().valid('verify', 'reject') }).validate({ decision: 'x' }).error?.details[0];
    expect(validationMessage(short as ValidationDetail)).toBe('decision：应为以下之一：verify、reject');
    const long = RuleType.object({ d: RuleType.string().valid(...Array.from({ length: 13 }, (_, i) => `code${i}`)) }).validate({ d: 'x' }).error?.details[0];
    expect(validationMessage(long as ValidationDetail)).toBe('d：不是可选的取值');
  });

  it('should name a field by its label, a known field name, then its path, and say which list item', () => {
    expect(fieldLabel({ path: ['opensAt'], context: { label: '开放日期' } })).toBe('开放日期');
    expect(fieldLabel({ path: ['form', 'bankAccount'], context: { label: 'form.bankAccount' } })).toBe('银行账号');
    expect(fieldLabel({ path: ['form', 'graduates', 2, 'idNumber'], context: { label: 'form.graduates[2].idNumber' } })).toBe('身份证号（第3项）');
    expect(fieldLabel({ path: ['amount', 'rows', 0, 'when'], context: { label: 'amount.rows[0].when' } })).toBe('amount.rows.0.when');
    // Joi names the body itself "value".
    expect(fieldLabel({ path: [], context: { label: 'value' } })).toBe('请求内容');
  });

  it('should name the fields of which one is needed by their labels', () => {
    const detail = { type: 'object.missing', path: [], context: { label: 'value', peersWithLabels: ['说明', '启用状态', '排序'] } };
    expect(validationMessage(detail)).toBe('请求内容：至少填写以下一项：说明、启用状态、排序');
  });

  it('should say a named pattern in words, and cut whatever it repeats', () => {
    const named = RuleType.object({ phone: RuleType.string().pattern(/^1\d{10}$/, '11位手机号') }).validate({ phone: '12' }).error?.details[0];
    expect(validationMessage(named as ValidationDetail)).toBe('手机号：应为11位手机号');
    expect(echo('x'.repeat(40))).toBe(`${'x'.repeat(MAX_ECHO)}…`);
  });

  it('should take a label from the head of an API description only when it is a short Chinese name', () => {
    expect(labelFromDescription('统一社会信用代码（18位）')).toBe('统一社会信用代码');
    expect(labelFromDescription('体验账号 id（GET /api/auth/dev-users）')).toBe('体验账号');
    expect(labelFromDescription('true 提交审核，false 保存草稿')).toBeUndefined();
    expect(labelFromDescription('上一页返回的 nextCursor')).toBeUndefined();
    expect(labelFromDescription(undefined)).toBeUndefined();
  });

  it('should find unsafe text in nested values and keys, with the path', () => {
    expect(findUnsafeText({ form: { graduates: [{ name: 'ok' }, { name: 'a\u0000' }] } })?.path).toEqual(['form', 'graduates', 1, 'name']);
    expect(findUnsafeText({ when: { 'x\u202e': 1 } })?.path).toEqual(['when', 'x\u202e']);
    expect(findUnsafeText({ at: new Date(), n: 1, ok: '换行\n制表\t' })).toBeUndefined();
  });
});
