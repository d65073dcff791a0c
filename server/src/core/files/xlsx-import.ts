import { createMiddleware, type IMiddleware } from '@midwayjs/core';
import { UploadMiddleware, type UploadFileInfo, type UploadOptions } from '@midwayjs/busboy';
import type { Context, NextFunction } from '@midwayjs/koa';
import ExcelJS from 'exceljs';
import { promises as fs } from 'fs';
import { Readable } from 'stream';
import type { ErrorCode } from '../../contract/error-codes';
import type { Role } from '../../contract/roles';
import { BizError } from '../errors';

/** What staff imports (registry, social-insurance records) share: the upload, the workbook, its cells, bulk-write races. */
export const XLSX_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** A cell as an import's rules see it: exceljs values reduced to text, number or date. */
export type CellValue = string | number | Date | null;

/**
 * The guard an import route runs before busboy reads the body: an anonymous or wrong-role caller gets
 * 401/403 without the server spooling a 20 MB file; busboy's own refusals become stable codes.
 */
export function xlsxImportGuard(roles: readonly Role[], invalidFile: ErrorCode): ReturnType<IMiddleware<Context, NextFunction>['resolve']> {
  return async (ctx: Context, next: NextFunction) => {
    if (!ctx.user) throw ctx.authError ?? new BizError('UNAUTHENTICATED');
    if (!ctx.user.roles.some(r => roles.includes(r))) throw new BizError('FORBIDDEN');
    try {
      return await next();
    } catch (err) {
      const message = err instanceof Error ? err.message : '';
      if (message.includes('size exceeds the limit')) throw new BizError('FILE_TOO_LARGE');
      if (message.startsWith('Invalid file name or suffix') || message.startsWith('Invalid file type')) {
        throw new BizError(invalidFile, '请上传 .xlsx 格式的 Excel 文件（可下载模板填写）', 'file');
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

// .xlsx is not in busboy's default list of extensions; an import route accepts it and nothing else.
const uploadOptions: UploadOptions = {
  mode: 'file',
  // A function: a per-route array would be ignored (busboy builds its list once, from global config).
  whitelist: () => ['.xlsx'],
  limits: { fileSize: XLSX_IMPORT_MAX_BYTES, files: 1 },
};
export const xlsxUpload = createMiddleware(UploadMiddleware, uploadOptions);

/** The uploaded workbook's bytes. */
export async function readWorkbookUpload(ctx: Context): Promise<Buffer> {
  const file = ((ctx as Context & { files?: UploadFileInfo[] }).files ?? [])[0];
  if (!file || typeof file.data !== 'string') throw new BizError('FILE_REQUIRED', undefined, 'file');
  const data = await fs.readFile(file.data);
  if (data.length === 0) throw new BizError('FILE_REQUIRED', undefined, 'file');
  return data;
}

/** True when the bytes start like a ZIP container, which every .xlsx is. */
export function looksLikeXlsx(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

export function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if ('richText' in value) return value.richText.map(part => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) {
    const result = value.result;
    return result instanceof Date || typeof result === 'string' || typeof result === 'number' ? result : null;
  }
  return null;
}

/**
 * The first sheet of an uploaded workbook as header texts and data rows (Excel row numbers), or a
 * refusal with `invalidFile` / `tooMany` when it is not a workbook or holds more than `maxRows` rows.
 */
export async function readImportSheet(
  data: Buffer,
  columns: number,
  maxRows: number,
  codes: { invalidFile: ErrorCode; tooMany: ErrorCode },
): Promise<{ headers: string[]; rows: Array<{ row: number; cells: CellValue[] }> }> {
  if (!looksLikeXlsx(data.subarray(0, 4))) throw new BizError(codes.invalidFile, undefined, 'file');
  // The streaming reader: about twice as fast as loading the whole workbook model, and it stops at the limit.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const headers: string[] = [];
  const rows: Array<{ row: number; cells: CellValue[] }> = [];
  let sheets = 0;
  let tooMany = false;
  try {
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        if (row.number === 1) {
          for (let c = 1; c <= columns; c++) headers.push(String(cellValue(row.getCell(c).value) ?? ''));
          continue;
        }
        if (rows.length >= maxRows) {
          tooMany = true;
          break;
        }
        const cells: CellValue[] = [];
        for (let c = 1; c <= columns; c++) cells.push(cellValue(row.getCell(c).value));
        rows.push({ row: row.number, cells });
      }
      break;
    }
  } catch {
    throw new BizError(codes.invalidFile, '文件无法按 Excel 读取（可能已损坏或并非 .xlsx），请使用下载的模板', 'file');
  }
  if (tooMany) throw new BizError(codes.tooMany);
  if (!sheets) throw new BizError(codes.invalidFile, '文件中没有工作表', 'file');
  while (headers.length < columns) headers.push('');
  return { headers, rows };
}

/** The positions of a bulk write's operations that failed on a unique key, or undefined when anything else failed. */
export function duplicateKeyIndexes(err: unknown): number[] | undefined {
  const writeErrors = (err as { writeErrors?: Array<{ code?: number; index?: number; err?: { code?: number; index?: number } }> }).writeErrors;
  if (!Array.isArray(writeErrors) || writeErrors.length === 0) return undefined;
  const indexes: number[] = [];
  for (const e of writeErrors) {
    const code = e.code ?? e.err?.code;
    const index = e.index ?? e.err?.index;
    if (code !== 11000 || index === undefined) return undefined;
    indexes.push(index);
  }
  return indexes;
}

/** Cuts a list into runs of `size` (lookups and writes go in batches). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What an import's downloadable template holds: the sheet to fill, one example row, and a help sheet. */
export interface ImportTemplate {
  sheet: string;
  columns: readonly string[];
  width: number;
  /** 1-based columns kept as text: 18-digit IDs and credit codes would be rounded or lose letters as numbers. */
  textColumns: readonly number[];
  example: ReadonlyArray<string | number>;
  /** The help sheet's heading row, then one row per column or note. */
  help: ReadonlyArray<readonly [string, string]>;
}

export async function importTemplate(t: ImportTemplate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(t.sheet);
  sheet.addRow([...t.columns]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach(col => {
    col.width = t.width;
  });
  for (const c of t.textColumns) sheet.getColumn(c).numFmt = '@';
  sheet.addRow([...t.example]);
  const help = wb.addWorksheet('填写说明');
  for (const row of t.help) help.addRow([...row]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
