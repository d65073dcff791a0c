import { Middleware, type IMiddleware } from '@midwayjs/core';
import type { Context, NextFunction } from '@midwayjs/koa';
import type { Role } from '../../contract/roles';
import { xlsxImportGuard } from '../../core/files/xlsx-import';

export const INSURANCE_IMPORT_ROLES: readonly Role[] = ['bureau', 'admin'];

/** Runs before busboy reads the body (see `xlsxImportGuard`): only the bureau imports the 社保 export. */
@Middleware()
export class InsuranceUploadMiddleware implements IMiddleware<Context, NextFunction> {
  resolve() {
    return xlsxImportGuard(INSURANCE_IMPORT_ROLES, 'INSURANCE_FILE_INVALID');
  }
}
