import { createMiddleware } from '@midwayjs/core';
import { UploadMiddleware, type UploadFileInfo, type UploadOptions } from '@midwayjs/busboy';
import type { Context } from '@midwayjs/koa';
import { promises as fs } from 'fs';
import { BizError } from '../../core/errors';
import { requireUpload } from '../../core/files/upload';
import type { DocumentFile } from './subsidy-application.service';

export const SUBSIDY_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
const DOCUMENT_TYPES = ['pdf', 'png', 'jpeg'] as const;

/** The uploaded application document, its type read from the bytes. */
export async function requireDocument(ctx: Context): Promise<DocumentFile> {
  const file = await requireUpload(ctx, DOCUMENT_TYPES, SUBSIDY_DOCUMENT_MAX_BYTES);
  return { data: file.data, type: file.type };
}

export const BANK_RESULT_MAX_BYTES = 10 * 1024 * 1024;

export const subsidyDocumentUpload = createMiddleware(UploadMiddleware, {
  mode: 'file',
  limits: { fileSize: SUBSIDY_DOCUMENT_MAX_BYTES, files: 1 },
});

// busboy's default extension list has no .xlsx; a function whitelist is merged per request.
const bankResultOptions: UploadOptions = {
  mode: 'file',
  whitelist: () => ['.xlsx'],
  limits: { fileSize: BANK_RESULT_MAX_BYTES, files: 1 },
};
export const bankResultUpload = createMiddleware(UploadMiddleware, bankResultOptions);

/** The uploaded bank result file; an xlsx is a zip, so its content starts with PK\x03\x04. */
export async function requireXlsx(ctx: Context): Promise<Buffer> {
  const file = ((ctx as Context & { files?: UploadFileInfo[] }).files ?? [])[0];
  if (!file) throw new BizError('FILE_REQUIRED', undefined, 'file');
  const data = await fs.readFile(file.data);
  if (data.length > BANK_RESULT_MAX_BYTES) throw new BizError('FILE_TOO_LARGE');
  if (data.length < 4 || data.readUInt32BE(0) !== 0x504b0304) throw new BizError('FILE_TYPE_INVALID', '文件内容不是 xlsx 格式', 'file');
  return data;
}
