import { Middleware, type IMiddleware } from '@midwayjs/core';
import type { Context, NextFunction } from '@midwayjs/koa';
import type { Role } from '../../contract/roles';
import { XLSX_IMPORT_MAX_BYTES, xlsxImportGuard, xlsxUpload } from '../../core/files/xlsx-import';

export const REGISTRY_MAX_BYTES = XLSX_IMPORT_MAX_BYTES;
export const IMPORT_ROLES: readonly Role[] = ['college', 'bureau', 'admin'];

/** Runs before busboy reads the body (see `xlsxImportGuard`): colleges and city staff import graduates. */
@Middleware()
export class RegistryUploadMiddleware implements IMiddleware<Context, NextFunction> {
  resolve() {
    return xlsxImportGuard(IMPORT_ROLES, 'REGISTRY_FILE_INVALID');
  }
}

export const registryUpload = xlsxUpload;
export { readWorkbookUpload } from '../../core/files/xlsx-import';
