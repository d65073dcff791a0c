import { createMiddleware, Middleware, type IMiddleware } from '@midwayjs/core';
import { UploadMiddleware, type UploadFileInfo, type UploadOptions } from '@midwayjs/busboy';
import type { Context, NextFunction } from '@midwayjs/koa';
import { promises as fs } from 'fs';
import type { Role } from '../../contract/roles';
import { BizError } from '../../core/errors';

export const REGISTRY_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_ROLES: readonly Role[] = ['college', 'bureau', 'admin'];

/**
 * Runs before busboy reads the body: an anonymous or wrong-role caller gets 401/403 without the
 * server spooling a 20 MB file; busboy's own refusals become the registry's stable file code.
 */
@Middleware()
export class RegistryUploadMiddleware implements IMiddleware<Context, NextFunction> {
  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      if (!ctx.user) throw ctx.authError ?? new BizError('UNAUTHENTICATED');
      if (!ctx.user.roles.some(r => IMPORT_ROLES.includes(r))) throw new BizError('FORBIDDEN');
      try {
        return await next();
      } catch (err) {
        const message = err instanceof Error ? err.message : '';
        if (message.includes('size exceeds the limit')) throw new BizError('FILE_TOO_LARGE');
        if (message.startsWith('Invalid file name or suffix') || message.startsWith('Invalid file type')) {
          throw new BizError('REGISTRY_FILE_INVALID', '请上传 .xlsx 格式的 Excel 文件（可下载模板填写）', 'file');
        }
        if (err instanceof Error && err.name === 'BadRequestError' && message.includes('Upload file count')) {
          throw new BizError('BAD_REQUEST', '一次只能上传一个文件');
        }
        throw err;
      } finally {
        const files = (ctx as Context & { files?: UploadFileInfo[] }).files;
        for (const file of files ?? []) {
          if (typeof file.data === 'string') await fs.rm(file.data, { force: true });
        }
      }
    };
  }
}

// .xlsx is not in busboy's default list of extensions; this route accepts it and nothing else.
const uploadOptions: UploadOptions = {
  mode: 'file',
  // A function: a per-route array would be ignored (busboy builds its list once, from global config).
  whitelist: () => ['.xlsx'],
  limits: { fileSize: REGISTRY_MAX_BYTES, files: 1 },
};
export const registryUpload = createMiddleware(UploadMiddleware, uploadOptions);

/** The uploaded workbook's bytes. */
export async function readWorkbookUpload(ctx: Context): Promise<Buffer> {
  const file = ((ctx as Context & { files?: UploadFileInfo[] }).files ?? [])[0];
  if (!file || typeof file.data !== 'string') throw new BizError('FILE_REQUIRED', undefined, 'file');
  const data = await fs.readFile(file.data);
  if (data.length === 0) throw new BizError('FILE_REQUIRED', undefined, 'file');
  return data;
}
