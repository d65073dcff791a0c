import { getClassMetadata, getPropertyMetadata, Guard, savePropertyMetadata, type IGuard } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { BizError } from './errors';

/** msg_sec_check v2 scenes: 1 资料 (profiles), 2 评论 (comments, chat), 3 论坛 (posts), 4 社交日志. */
export type TextScene = 1 | 2 | 3 | 4;

/** Body fields of a route that other people will read, checked by WeChat's text check before the handler. */
export interface UserTextSpec {
  scene: TextScene;
  /** Body keys; `a.b` reaches into an object, `a[]` takes each string (or each object's fields after `[]`.) of an array. */
  fields: string[];
}

const USER_TEXT_KEY = 'app:user-text';

/** Marks the body fields of a route that others can read: `UserTextGuard` sends each to msgSecCheck. */
export function UserText(scene: TextScene, ...fields: string[]) {
  return (target: object, propertyKey: string | symbol) => {
    savePropertyMetadata(USER_TEXT_KEY, { scene, fields } satisfies UserTextSpec, target, propertyKey);
  };
}

export function routeUserText(clz: new (...args: never[]) => unknown, method: string): UserTextSpec | undefined {
  return (getPropertyMetadata(USER_TEXT_KEY, clz, method) as UserTextSpec | undefined) ?? (getClassMetadata(USER_TEXT_KEY, clz) as UserTextSpec | undefined);
}

/** `pass` or `skipped` (WeChat not configured, no openid): go on; `refused`: 422; `unavailable`: 503. */
export type TextVerdict = 'pass' | 'refused' | 'unavailable' | 'skipped';

export type TextChecker = (input: { userId: string; scene: TextScene; content: string }) => Promise<TextVerdict>;

let checker: TextChecker | undefined;

/** The WeChat side registers itself here (core imports no module). */
export function registerTextChecker(fn: TextChecker): void {
  checker = fn;
}

/** msg_sec_check takes at most 2500 characters. */
const MAX_CHARS = 2500;

/** The non-empty strings at a field path of a body, each with its path. */
export function textsAt(body: unknown, path: string): Array<{ field: string; text: string }> {
  const walk = (value: unknown, parts: string[], at: string): Array<{ field: string; text: string }> => {
    if (parts.length === 0) return typeof value === 'string' && value.trim() ? [{ field: at, text: value }] : [];
    const [head, ...rest] = parts;
    const list = head.endsWith('[]');
    const key = list ? head.slice(0, -2) : head;
    const next = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
    const where = at ? `${at}.${key}` : key;
    if (!list) return walk(next, rest, where);
    return Array.isArray(next) ? next.flatMap((item, i) => walk(item, rest, `${where}.${i}`)) : [];
  };
  return walk(body, path.split('.').filter(Boolean), '');
}

/** Pieces of at most MAX_CHARS code points. */
export function textPieces(text: string): string[] {
  const points = [...text];
  const pieces: string[] = [];
  for (let i = 0; i < points.length; i += MAX_CHARS) pieces.push(points.slice(i, i + MAX_CHARS).join(''));
  return pieces;
}

/**
 * Runs after AuthGuard and the rate limit: each marked field of the body goes to WeChat's text check
 * (v2) with the caller's openid; a refused field is 422 CONTENT_SECURITY_REJECTED naming it, a failed
 * check 503 WECHAT_UNAVAILABLE. Nothing is written before this passes.
 */
@Guard()
export class UserTextGuard implements IGuard<Context> {
  async canActivate(ctx: Context, clz: new (...args: never[]) => unknown, method: string): Promise<boolean> {
    const spec = routeUserText(clz, method);
    if (!spec || !ctx.user || !checker) return true;
    const body = ctx.request.body;
    const texts = spec.fields.flatMap(f => textsAt(body, f));
    const check = checker;
    const userId = ctx.user.id;
    const verdicts = await Promise.all(
      texts.map(async t => {
        const each = await Promise.all(textPieces(t.text).map(content => check({ userId, scene: spec.scene, content })));
        return { field: t.field, verdict: each.includes('refused') ? 'refused' : each.includes('unavailable') ? 'unavailable' : 'pass' };
      }),
    );
    const refused = verdicts.find(v => v.verdict === 'refused');
    if (refused) throw new BizError('CONTENT_SECURITY_REJECTED', undefined, refused.field);
    if (verdicts.some(v => v.verdict === 'unavailable')) throw new BizError('WECHAT_UNAVAILABLE', '内容安全检测暂不可用，请稍后再提交');
    return true;
  }
}
