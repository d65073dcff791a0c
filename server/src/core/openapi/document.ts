import { ERROR_CODES } from '../../contract/error-codes';
import type { Role } from '../../contract/roles';
import { fieldsOf, SAFE_KEY_PATTERN, SAFE_TEXT_PATTERN, toSchema, type JoiDescription, type OpenApiSchema } from './joi-schema';

/** One route as the server sees it: what the document is built from. */
export interface RouteFacts {
  method: string;
  /** Koa form, `/api/jobs/:id`. */
  path: string;
  operationId: string;
  summary?: string;
  tags: string[];
  access: { public: boolean; roles?: Role[] };
  rateLimited: boolean;
  takesFile: boolean;
  successStatus: number;
  /** The handler's declared answer (server/scripts/openapi-responses.ts): JSON schema, or a file. */
  response?: OpenApiSchema;
  inputs: Array<{ in: 'path' | 'query' | 'body'; schema?: JoiDescription }>;
}

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: OpenApiSchema;
}

interface MediaType {
  schema: OpenApiSchema | { $ref: string };
}

interface Response {
  description: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, { description: string; schema: OpenApiSchema }>;
}

export interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response>;
  security: Array<Record<string, string[]>>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; description: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; bearerFormat: string; description: string }>;
    schemas: Record<string, OpenApiSchema>;
  };
}

export const SECURITY_SCHEME = 'bearer';
const ERROR_REF = { $ref: '#/components/schemas/ApiError' };

/** `{ code, message, requestId, field? }`, the one error body (core/filters/error.filter.ts). */
export function errorBodySchema(): OpenApiSchema {
  return {
    type: 'object',
    required: ['code', 'message', 'requestId'],
    properties: {
      code: { type: 'string', enum: Object.keys(ERROR_CODES), description: '稳定的错误码（contract/error-codes.ts）' },
      message: { type: 'string', description: '给用户看的中文说明' },
      requestId: { type: 'string' },
      field: { type: 'string', description: '出错的字段（校验错误时）' },
      problems: {
        type: 'array',
        description: '全部问题（如岗位信息：缺少的字段、违规词语），每项有自己的错误码',
        items: {
          type: 'object',
          required: ['code', 'field', 'message'],
          properties: {
            code: { type: 'string', enum: Object.keys(ERROR_CODES) },
            field: { type: 'string' },
            message: { type: 'string' },
          },
        },
      },
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: '请求格式不正确（JSON、分页参数、字段名）',
  401: '未登录或登录已失效',
  403: '无权进行此操作',
  404: '内容不存在',
  409: '状态冲突（已处理、已满、重复提交等）',
  413: '提交的内容或文件过大',
  415: '请求内容类型不受支持',
  422: '提交的内容未通过校验',
  429: '操作太频繁（带 Retry-After）',
  503: '服务暂时不可用或排队中',
};

/**
 * The error statuses a route can answer, from what it is: every route can meet a malformed request
 * (400), a refusal (403) or a full server (503); guarded ones and public changes 401; ones with inputs 422; `:id` routes and routes
 * reading records 404; changes 409; bodies 413/415; rate-limited routes 429.
 */
export function errorStatuses(route: RouteFacts): number[] {
  // Public routes too can refuse: demo login off (403), a bad callback signature (403), a bad refresh token (401).
  const statuses = new Set<number>([400, 403, 404, 503]);
  if (!route.access.public || route.method !== 'get') statuses.add(401);
  const hasBody = route.inputs.some(i => i.in === 'body') || route.takesFile;
  // A record's state can refuse even a read (no replay before a live session ends).
  if (/:\w+/.test(route.path)) statuses.add(409);
  if (route.inputs.length > 0 || route.takesFile) statuses.add(422);
  if (route.method !== 'get') {
    statuses.add(409);
    statuses.add(413);
    statuses.add(415);
  } else if (hasBody) {
    statuses.add(415);
  }
  if (route.rateLimited) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

function errorResponse(status: number): Response {
  const response: Response = {
    description: STATUS_TEXT[status] ?? '错误',
    content: { 'application/json': { schema: ERROR_REF } },
  };
  if (status === 429) response.headers = { 'Retry-After': { description: '多少秒后可重试', schema: { type: 'integer', minimum: 1 } } };
  return response;
}

/** `/api/jobs/:id` → `/api/jobs/{id}`, and the names in it. */
export function openApiPath(path: string): { path: string; names: string[] } {
  const names: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    names.push(name);
    return `{${name}}`;
  });
  return { path: converted, names };
}

/**
 * `?cursor=` is everywhere the keyset cursor of core/pagination.ts: signed by the server, so only a
 * value from the previous page's `nextCursor` is valid (any other answers 400 CURSOR_INVALID).
 */
const PAGE_CURSOR: OpenApiSchema = { format: 'page-cursor', description: '上一页返回的 nextCursor（服务端签名，不能自行构造）' };

function parameters(route: RouteFacts, pathNames: string[]): Parameter[] {
  const out: Parameter[] = [];
  const declared = new Set<string>();
  for (const input of route.inputs) {
    if (input.in === 'body' || !input.schema) continue;
    for (const field of fieldsOf(input.schema)) {
      if (input.in === 'path' && !pathNames.includes(field.name)) continue;
      const schema = input.in === 'query' && field.name === 'cursor' ? { ...field.schema, ...PAGE_CURSOR } : field.schema;
      out.push({ name: field.name, in: input.in, required: input.in === 'path' || field.required, schema });
      if (input.in === 'path') declared.add(field.name);
    }
  }
  // A path segment no DTO describes still has to be declared: the router takes any non-empty segment.
  for (const name of pathNames) {
    if (!declared.has(name)) out.push({ name, in: 'path', required: true, schema: { type: 'string', minLength: 1, pattern: '^[^/]+$', allOf: [{ pattern: SAFE_TEXT_PATTERN }] } });
  }
  return out;
}

function requestBody(route: RouteFacts): Operation['requestBody'] {
  if (route.takesFile) {
    return {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: { file: { type: 'string', format: 'binary' } },
            additionalProperties: false,
          },
        },
      },
    };
  }
  const body = route.inputs.find(i => i.in === 'body');
  if (!body) return undefined;
  const schema: OpenApiSchema = body.schema ? toSchema(body.schema) : FREE_FORM_BODY;
  // A search sent in a body (so a phone number stays out of URLs) pages like a query does.
  if (schema.properties?.cursor) schema.properties.cursor = { ...schema.properties.cursor, ...PAGE_CURSOR };
  return { required: needsBody(schema), content: { 'application/json': { schema } } };
}

/**
 * A body taken as it comes (WeChat's message push): the operator guard refuses unsafe keys at any depth, so
 * the document offers safe top-level keys with plain values — stricter than the server, never looser.
 */
const FREE_FORM_BODY: OpenApiSchema = {
  type: 'object',
  propertyNames: { pattern: SAFE_KEY_PATTERN },
  additionalProperties: { anyOf: [{ type: 'string', pattern: SAFE_TEXT_PATTERN }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }] },
};

/** An empty body (no body at all reads as `{}`) fails the schema: a required key, a minimum, or "one of these keys". */
function needsBody(schema: OpenApiSchema): boolean {
  const needsAKey = (options: OpenApiSchema[] | undefined) => !!options && options.every(o => (o.required ?? []).length > 0);
  return (
    (schema.required ?? []).length > 0 ||
    (schema.minProperties ?? 0) > 0 ||
    (schema.allOf ?? []).some(c => needsAKey(c.anyOf) || needsAKey(c.oneOf))
  );
}

function describeAccess(route: RouteFacts): string {
  if (route.access.public) return '无需登录。';
  if (route.access.roles?.length) return `需登录，角色：${route.access.roles.join(' / ')}。`;
  return '需登录。';
}

function successResponse(route: RouteFacts): Response {
  if (route.successStatus === 204 || route.response?.['x-empty']) return { description: '成功，无内容' };
  // A file: its type is the file's own (PDF, image, spreadsheet, video), set by the handler.
  if (route.response?.['x-binary']) return { description: '成功：文件', content: { 'application/octet-stream': { schema: {} } } };
  return { description: '成功', content: { 'application/json': { schema: route.response ?? {} } } };
}

export function operation(route: RouteFacts, pathNames: string[]): Operation {
  const responses: Record<string, Response> = {};
  responses[String(route.successStatus)] = successResponse(route);
  for (const status of errorStatuses(route)) responses[String(status)] = errorResponse(status);
  const op: Operation = {
    operationId: route.operationId,
    summary: route.summary,
    description: describeAccess(route),
    tags: route.tags.length ? route.tags : undefined,
    responses,
    security: route.access.public ? [] : [{ [SECURITY_SCHEME]: [] }],
  };
  const params = parameters(route, pathNames);
  if (params.length) op.parameters = params;
  const body = requestBody(route);
  if (body) op.requestBody = body;
  return op;
}

/** The whole document, from the routes the server really has. */
export function buildDocument(routes: RouteFacts[], info: OpenApiDocument['info']): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const sorted = [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const route of sorted) {
    const { path, names } = openApiPath(route.path);
    (paths[path] ??= {})[route.method] = operation(route, names);
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: '登录接口返回的 accessToken（Authorization: Bearer <token>）',
        },
      },
      schemas: { ApiError: errorBodySchema() },
    },
  };
}
