/**
 * The Chinese message of a refused field, built from the validator's error type and context. Joi's own
 * wording (and @midwayjs/validate's half-translated tables: "必须是 one of", "bool 值", raw regular
 * expressions, the whole rejected value) never reaches a client or a log line: every message names the
 * field and says what is expected, and echoes nothing the client sent.
 */

/** What the error filter reads from a Joi error detail. */
export interface ValidationDetail {
  type: string;
  path: ReadonlyArray<string | number>;
  context?: {
    label?: string;
    limit?: unknown;
    valids?: readonly unknown[];
    name?: string;
    problem?: string;
    key?: string | number;
    /** `object.missing`: the keys of which one is needed, by their labels. */
    peersWithLabels?: readonly string[];
  };
}

/** Longest part of anything a client sent that a message or log line may repeat. */
export const MAX_ECHO = 32;

/** A short prefix of client text, for messages and logs. */
export function echo(text: string, max = MAX_ECHO): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Labels for fields whose DTO gives none (nested forms, paging), by the last key of the path. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  idNumber: '身份证号',
  name: '名称',
  bankName: '开户银行',
  bankAccount: '银行账号',
  employerName: '就业单位',
  employerUscc: '统一社会信用代码',
  uscc: '统一社会信用代码',
  graduationDate: '毕业时间',
  employmentDistrict: '就业地区',
  socialInsuranceMonths: '社保缴纳月数',
  traineeMonths: '见习月数',
  hardship: '困难家庭毕业生',
  businessRegistered: '已注册创业实体',
  graduates: '毕业生名单',
  cursor: '翻页位置',
  limit: '每页条数',
  phone: '手机号',
  reason: '原因',
  collegeId: '高校',
  districtCode: '区市县',
};

/**
 * The label a field is named by: the DTO's own (Joi `.label()`, or the head of its API description,
 * applied when the schema is built), else a known field name, else the field path. An item of a list
 * also says which one ("第3项").
 */
export function fieldLabel(detail: Pick<ValidationDetail, 'path' | 'context'>): string {
  const path = detail.path.map(String).join('.');
  // Without a label of its own, Joi labels a field with its path, written `a.b[0].c`.
  const joiPath = detail.path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
  const given = detail.context?.label;
  const indices = detail.path.filter((p): p is number => typeof p === 'number');
  const item = indices.length > 0 ? `（第${indices[indices.length - 1] + 1}项）` : '';
  const leaf = [...detail.path].reverse().find((p): p is string => typeof p === 'string');
  // Joi calls the body itself "value".
  const own = given && given !== joiPath && given !== path && given !== leaf && !(path === '' && given === 'value');
  if (own) return given + item;
  if (leaf !== undefined && FIELD_LABELS[leaf]) return FIELD_LABELS[leaf] + item;
  return path || '请求内容';
}

function limitOf(detail: ValidationDetail): string {
  const limit = detail.context?.limit;
  if (limit instanceof Date) return limit.toISOString().slice(0, 10);
  return typeof limit === 'number' || typeof limit === 'string' ? echo(String(limit)) : '';
}

function allowedValues(valids: readonly unknown[] | undefined): string {
  const shown = (valids ?? []).filter(v => v !== null && v !== '').map(v => String(v));
  const list = shown.join('、');
  if (shown.length === 0) return '不是可选的取值';
  if (shown.length <= 8 && list.length <= 60) return shown.length === 1 ? `应为 ${list}` : `应为以下之一：${list}`;
  return '不是可选的取值';
}

/** What the field should be, by Joi's error type. */
function expectation(detail: ValidationDetail): string {
  const limit = limitOf(detail);
  const ctx = detail.context ?? {};
  switch (detail.type) {
    case 'any.required':
      return '必须填写';
    case 'any.only':
      return allowedValues(ctx.valids);
    case 'any.invalid':
      return '不能是这个值';
    case 'any.unknown':
    case 'object.unknown':
      return '不应提交';
    case 'string.base':
      return '应为文字';
    case 'string.empty':
      return '不能为空';
    case 'string.min':
      return `至少${limit}个字符`;
    case 'string.max':
      return `不能超过${limit}个字符`;
    case 'string.length':
      return `应为${limit}个字符`;
    case 'string.hex':
    case 'string.hexAlign':
      return '应为编号（0-9、a-f 组成）';
    case 'string.pattern.name':
    case 'string.pattern.invert.name':
      return `应为${ctx.name ?? '规定的格式'}`;
    case 'string.pattern.base':
    case 'string.pattern.invert.base':
      return '格式不正确';
    case 'string.isoDate':
    case 'date.format':
      return '应为日期时间，如 2026-06-02T14:00:00+08:00';
    case 'string.email':
      return '应为电子邮箱地址';
    case 'string.uri':
    case 'string.uriCustomScheme':
    case 'string.uriRelativeOnly':
      return '应为网址';
    case 'string.alphanum':
    case 'string.token':
      return '只能包含字母、数字和下划线';
    case 'string.lowercase':
      return '应为小写字母';
    case 'string.uppercase':
      return '应为大写字母';
    case 'string.trim':
      return '首尾不能有空格';
    case 'number.base':
      return '应为数字';
    case 'number.integer':
      return '应为整数';
    case 'number.min':
      return `不能小于${limit}`;
    case 'number.max':
      return `不能大于${limit}`;
    case 'number.greater':
      return `应大于${limit}`;
    case 'number.less':
      return `应小于${limit}`;
    case 'number.positive':
      return '应为正数';
    case 'number.negative':
      return '应为负数';
    case 'number.precision':
      return `最多保留${limit}位小数`;
    case 'number.infinity':
    case 'number.unsafe':
      return '数值超出范围';
    case 'number.multiple':
      return '不是规定的倍数';
    case 'boolean.base':
      return '应为是或否（true / false）';
    case 'date.base':
      return '应为日期';
    case 'date.min':
    case 'date.greater':
      return `不能早于 ${limit}`;
    case 'date.max':
    case 'date.less':
      return `不能晚于 ${limit}`;
    case 'date.calendar':
    case 'calendarDay.invalid':
      return '不是日历上存在的日期';
    case 'array.base':
      return '应为列表';
    case 'array.min':
      return `至少${limit}项`;
    case 'array.max':
      return `最多${limit}项`;
    case 'array.length':
      return `应为${limit}项`;
    case 'array.unique':
      return '有重复的项';
    case 'array.sparse':
      return '不能有空项';
    case 'array.includes':
    case 'array.includesRequiredBoth':
    case 'array.includesRequiredKnowns':
    case 'array.includesRequiredUnknowns':
    case 'array.excludes':
      return '含有不符合要求的项';
    case 'object.base':
      return '应为一组字段（JSON 对象）';
    case 'object.min':
      return `至少${limit}项`;
    case 'object.max':
      return `最多${limit}项`;
    case 'object.length':
      return `应为${limit}项`;
    case 'object.pattern.match':
      return '含有不认识的项';
    case 'object.and':
    case 'object.with':
      return '缺少一同填写的字段';
    case 'object.missing':
      return ctx.peersWithLabels?.length ? `至少填写以下一项：${ctx.peersWithLabels.join('、')}` : '缺少必须填写的字段';
    case 'object.without':
    case 'object.nand':
    case 'object.xor':
    case 'object.oxor':
      return '与另一字段不能同时填写';
    case 'alternatives.any':
    case 'alternatives.all':
    case 'alternatives.match':
    case 'alternatives.one':
    case 'alternatives.types':
      return '不是可接受的形式';
    default:
      // The check-digit rules and the text rule say themselves what is wrong.
      return ctx.problem ?? '不符合要求';
  }
}

/** The whole message: the field's label, then what it should be. */
export function validationMessage(detail: ValidationDetail): string {
  return `${fieldLabel(detail)}：${expectation(detail)}`;
}
