import {
  getClassMetadata,
  getPropertyDataFromClass,
  INJECT_CUSTOM_PARAM,
  WEB_RESPONSE_HTTP_CODE,
  WEB_ROUTER_PARAM_KEY,
  type RouterInfo,
} from '@midwayjs/core';
import { UploadMiddleware } from '@midwayjs/busboy';
import { DECORATORS, DECORATORS_CLASS_METADATA, DECORATORS_METHOD_METADATA } from '@midwayjs/swagger';
import { dtoSchema } from '../validation';
import { UploadErrorMiddleware } from '../files/upload';
import { routeAccess } from '../guards/roles';
import { routeRateLimit } from '../rate-limit';
import type { JoiDescription, OpenApiSchema } from './joi-schema';
import RESPONSES from './responses.generated.json';
import type { RouteFacts } from './document';

type Clz = new (...args: never[]) => unknown;

interface ParamMeta {
  key: string;
  parameterIndex: number;
  metadata: { type: string; propertyData?: unknown };
}

interface SwaggerMethodMeta {
  key: string;
  propertyName: string;
  metadata: { summary?: string; description?: string };
}

interface SwaggerClassMeta {
  key: string;
  metadata: string[] | { summary?: string };
}

function describeDto(type: unknown): JoiDescription | undefined {
  if (typeof type !== 'function' || type === Object || type === String || type === Number) return undefined;
  return dtoSchema(type as Clz)?.describe() as JoiDescription | undefined;
}

/** A route's middleware list holds busboy (directly, or behind our error mapper): it reads a multipart `file`. */
function takesFile(route: RouterInfo): boolean {
  return (route.middleware ?? []).some(
    (m: unknown) => m === UploadErrorMiddleware || (typeof m === 'object' && m !== null && (m as { middleware?: unknown }).middleware === UploadMiddleware),
  );
}

/** What the Midway route table, the DTO classes and our guards' metadata say about one route. */
export function routeFacts(route: RouterInfo): RouteFacts {
  const clz = route.controllerClz as Clz;
  const method = String(route.method);
  const paramTypes = (Reflect.getMetadata('design:paramtypes', clz.prototype, method) ?? []) as unknown[];
  const custom = (getClassMetadata(INJECT_CUSTOM_PARAM, clz) ?? {}) as Record<string, ParamMeta[] | undefined>;
  const params = (custom[method] ?? []).filter(p => p.key === WEB_ROUTER_PARAM_KEY);
  const inputs: RouteFacts['inputs'] = [];
  for (const param of params) {
    const where = param.metadata.type;
    if (where !== 'query' && where !== 'param' && where !== 'body') continue;
    if (param.metadata.propertyData !== undefined) throw new Error(`${route.fullUrl}: @${where}('name') is not described; use a DTO`);
    inputs.push({ in: where === 'param' ? 'path' : where, schema: describeDto(paramTypes[param.parameterIndex]) });
  }
  const swaggerMethod = ((getPropertyDataFromClass(DECORATORS_METHOD_METADATA, clz, method) ?? []) as SwaggerMethodMeta[]).find(
    m => m.key === DECORATORS.API_OPERATION,
  );
  const tags = ((getClassMetadata(DECORATORS_CLASS_METADATA, clz) ?? []) as SwaggerClassMeta[])
    .filter(m => m.key === DECORATORS.API_TAGS)
    .flatMap(m => (Array.isArray(m.metadata) ? m.metadata : []));
  const status = ((route.responseMetadata ?? []) as Array<{ type: string; code?: number }>).find(m => m.type === WEB_RESPONSE_HTTP_CODE)?.code;
  return {
    method: route.requestMethod.toLowerCase(),
    path: route.fullUrl ?? String(route.url),
    operationId: `${route.controllerId}.${method}`,
    summary: swaggerMethod?.metadata.summary || undefined,
    tags,
    access: routeAccess(clz, method),
    rateLimited: routeRateLimit(clz, method) !== undefined,
    takesFile: takesFile(route),
    successStatus: status ?? 200,
    response: (RESPONSES as unknown as Record<string, OpenApiSchema>)[`${clz.name}.${method}`],
    inputs,
  };
}
