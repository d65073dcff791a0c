import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import ExcelJS from 'exceljs';
import { ACCOUNT_DELETION_CONFIRMATION, type AccountDeletionInfo, type DataCopyFormat } from '../../contract/privacy';
import { beijingDay } from '../../contract/time';
import { BizError } from '../../core/errors';
import { PersonalDataRegistry, type CopyRow } from '../../core/personal-data';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { UserService } from '../user/user.service';

/** Kept by the audit module for every account: staff decisions and the user's own exports and deletion. */
const AUDIT_KEPT = { what: '操作审计记录（补贴审批、投诉处理等工作人员操作，以及您下载数据和注销的记录）', retention: '至少6个月，最长3年' };

export interface DataCopy {
  account: CopyRow;
  sections: Array<{ title: string; rows: CopyRow[] }>;
  generatedAt: string;
}

/** 下载我的数据 and 注销账号: every module's registered source, driven from here. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AccountService {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Inject()
  private users!: UserService;

  @Inject()
  private audit!: AuditService;

  /** Only the caller's own data: asking for anyone else's is 403 and changes nothing. */
  async copy(user: AuthUser, format: DataCopyFormat, forUserId?: string, requestId?: string): Promise<{ filename: string; type: string; data: Buffer }> {
    if (forUserId !== undefined && forUserId !== user.id) throw new BizError('PERSONAL_DATA_NOT_YOURS');
    const copy = await this.collect(user.id);
    await this.audit.record(user, { action: 'personal-data.copy', targetType: 'user', targetId: user.id, detail: { format } }, requestId);
    const stamp = beijingDay(new Date(copy.generatedAt));
    if (format === 'json') {
      return { filename: `我的数据-${stamp}.json`, type: 'application/json; charset=utf-8', data: Buffer.from(JSON.stringify(copy, null, 2)) };
    }
    return {
      filename: `我的数据-${stamp}.xlsx`,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: await this.workbook(copy),
    };
  }

  private async workbook(copy: DataCopy): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const sheet = (title: string, rows: CopyRow[]) => {
      const ws = wb.addWorksheet(title.slice(0, 31));
      const columns = [...new Set(rows.flatMap(row => Object.keys(row)))];
      ws.columns = columns.map(header => ({ header, key: header, width: Math.max(12, header.length * 3) }));
      // Text, never numbers: long digit strings would turn into 6.2E+18.
      for (const row of rows) ws.addRow(Object.fromEntries(columns.map(c => [c, row[c] === null || row[c] === undefined ? '' : String(row[c])])));
    };
    sheet('账号', [copy.account]);
    for (const section of copy.sections) sheet(section.title, section.rows);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async collect(userId: string): Promise<DataCopy> {
    const account = await this.users.copyOf(userId);
    const sections = await Promise.all(this.registry.all().map(async ([, source]) => ({ title: source.title, rows: await source.export(userId) })));
    return { account, sections: sections.filter(s => s.rows.length > 0), generatedAt: new Date().toISOString() };
  }

  deletionInfo(): AccountDeletionInfo {
    return { kept: [...this.registry.keptRecords(), AUDIT_KEPT], erased: ['账号与个人资料（手机号、身份证号码）', ...this.registry.erasedTitles()] };
  }

  /**
   * Erases the account: every module's source first (each idempotent), then the account itself, which
   * also ends every token. A process that dies half-way leaves the account usable, so the user can retry.
   */
  async delete(user: AuthUser, confirm: string, requestId?: string): Promise<Date> {
    if (confirm !== ACCOUNT_DELETION_CONFIRMATION) throw new BizError('ACCOUNT_DELETION_UNCONFIRMED', undefined, 'confirm');
    const me = await this.users.findById(user.id);
    if (!me || me.deletedAt) throw new BizError('ACCOUNT_DELETED');
    for (const [, source] of this.registry.all()) await source.erase(user.id);
    const deletedAt = await this.users.eraseAccount(user.id);
    if (!deletedAt) throw new BizError('ACCOUNT_DELETED');
    await this.audit.record(user, { action: 'account.delete', targetType: 'user', targetId: user.id }, requestId);
    return deletedAt;
  }
}
