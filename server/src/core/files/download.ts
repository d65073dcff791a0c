import type { Context } from '@midwayjs/koa';

/** RFC 5987 `value-chars`: unreserved characters stay, every other UTF-8 byte is %XX. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition` for a file saved under `fileName` (Chinese welcome): `filename*` (RFC 6266 /
 * RFC 5987, UTF-8) for every current browser and WeChat, and a plain `filename` of its ASCII
 * characters for the old ones, so nobody gets a random name. Control characters, quotes and path
 * separators never reach the header.
 */
export function attachmentDisposition(fileName: string): string {
  const clean = fileName.replace(/[\u0000-\u001f\u007f"\\/]/g, '').trim() || 'download';
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? clean.slice(dot) : '';
  const ascii = clean
    .slice(0, dot > 0 ? dot : undefined)
    .replace(/[^\x20-\x7e]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_\s-]+|[_\s-]+$/g, '');
  const fallback = `${ascii || 'download'}${ext.replace(/[^\x20-\x7e]/g, '')}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(clean)}`;
}

/** Sets the type and the download name of a file answer (the security headers keep it private). */
export function sendAttachment(ctx: Context, fileName: string, type: string): void {
  ctx.type = type;
  ctx.set('Content-Disposition', attachmentDisposition(fileName));
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
