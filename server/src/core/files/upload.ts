import { createMiddleware, Middleware, type IMiddleware } from '@midwayjs/core';
import { UploadMiddleware, type UploadFileInfo } from '@midwayjs/busboy';
import type { Context, NextFunction } from '@midwayjs/koa';
import { promises as fs } from 'fs';
import { unsafeTextProblem } from '../../contract/text';
import { BizError } from '../errors';
import type { StorageSettings } from '../../interface';
import { reencodeImage } from './image-check';
import { checkPdf } from './pdf-check';
import { sniffFileType, type SniffedType } from './sniff';

/** busboy reports its own limits as plain 400s; give clients the stable file codes instead. */
@Middleware()
export class UploadErrorMiddleware implements IMiddleware<Context, NextFunction> {
  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      try {
        return await next();
      } catch (err) {
        const name = (err as Error).name;
        const message = (err as Error).message ?? '';
        if (message.includes('size exceeds the limit')) throw new BizError('FILE_TOO_LARGE');
        if (message.startsWith('Invalid file name or suffix') || message.startsWith('Invalid file type')) {
          throw new BizError('FILE_TYPE_INVALID');
        }
        if (name === 'BadRequestError' && message.includes('Upload file count')) throw new BizError('BAD_REQUEST', '一次只能上传一个文件');
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

/** busboy in file mode taking one file of at most `maxBytes` (its default type list: pdf, images, office…). */
export function singleFileUpload(maxBytes: number) {
  return createMiddleware(UploadMiddleware, { mode: 'file', limits: { fileSize: maxBytes, files: 1 } });
}

/** Tells what a file is by its bytes; other modules pass their own for types beyond SniffedType. */
export type Sniffer<T extends string> = (data: Buffer) => T | 'executable' | 'unknown';

const sniffHead: Sniffer<SniffedType> = data => sniffFileType(data.subarray(0, 16));

/** The one uploaded file, read and checked by its content (the name and MIME type are the client's word). */
export async function readUpload<T extends string = SniffedType>(
  ctx: Context,
  accept: readonly T[],
  maxBytes: number,
  sniff: Sniffer<T> = sniffHead as Sniffer<T>,
): Promise<{ data: Buffer; type: T; fileName?: string } | undefined> {
  const files = (ctx as Context & { files?: UploadFileInfo[] }).files ?? [];
  const file = files[0];
  if (!file) return undefined;
  // The name is the client's text and is served back in Content-Disposition: the one text rule applies.
  const nameProblem = file.filename ? unsafeTextProblem(file.filename) : undefined;
  if (nameProblem) throw new BizError('TEXT_CHARACTER_NOT_ALLOWED', `文件名${nameProblem}`, 'file');
  const data = await fs.readFile(file.data);
  if (data.length > maxBytes) throw new BizError('FILE_TOO_LARGE');
  if (data.length === 0) throw new BizError('FILE_REQUIRED', undefined, 'file');
  const type = sniff(data);
  if (type === 'executable' || type === 'unknown' || !accept.includes(type)) {
    throw new BizError('FILE_TYPE_INVALID', type === 'executable' ? '文件内容是可执行程序，已拒绝' : `文件内容不是 ${accept.join('/').toUpperCase()} 格式`, 'file');
  }
  const limits = (ctx.app.getConfig('app') as { storage: StorageSettings }).storage;
  return { data: await inspected(data, type, limits), type, fileName: file.filename };
}

/**
 * The bytes worth storing: a PDF parsed as one (bounded decompression), an image decoded and encoded
 * afresh; other types (office files, which content's sniffer checks structurally) as they came.
 */
async function inspected(data: Buffer, type: string, limits: Pick<StorageSettings, 'pdfMaxInflatedBytes' | 'imageMaxPixels'>): Promise<Buffer> {
  if (type === 'pdf') {
    await checkPdf(data, limits.pdfMaxInflatedBytes);
    return data;
  }
  if (type === 'png' || type === 'jpeg') return reencodeImage(data, type, limits.imageMaxPixels);
  return data;
}

export async function requireUpload<T extends string = SniffedType>(
  ctx: Context,
  accept: readonly T[],
  maxBytes: number,
  sniff?: Sniffer<T>,
): Promise<{ data: Buffer; type: T; fileName?: string }> {
  const file = await readUpload(ctx, accept, maxBytes, sniff);
  if (!file) throw new BizError('FILE_REQUIRED', undefined, 'file');
  return file;
}
