import type { Page } from '@contract/common';
import type { AccountDeletionInfo, AccountDeletionResult, ConsentPurpose, ConsentView, DataCopyFormat, DataViewRecord } from '@contract/privacy';
import { request } from '../http';

export function myConsents(): Promise<ConsentView[]> {
  return request<ConsentView[]>({ path: '/me/consents' });
}

export function giveConsent(purpose: ConsentPurpose, version: number): Promise<ConsentView> {
  return request<ConsentView>({ method: 'POST', path: '/me/consents', data: { purpose, version } });
}

export function withdrawConsent(purpose: ConsentPurpose): Promise<ConsentView> {
  return request<ConsentView>({ method: 'POST', path: `/me/consents/${purpose}/withdraw`, data: {} });
}

export function myDataViews(cursor?: string): Promise<Page<DataViewRecord>> {
  return request<Page<DataViewRecord>>({ path: '/me/data-views', query: { cursor } });
}

export function accountDeletionInfo(): Promise<AccountDeletionInfo> {
  return request<AccountDeletionInfo>({ path: '/me/deletion' });
}

export function deleteAccount(confirm: string): Promise<AccountDeletionResult> {
  return request<AccountDeletionResult>({ method: 'POST', path: '/me/deletion', data: { confirm } });
}

/** The API path of the copy of my data (a file: saved through services/save-file). */
export function dataCopyPath(format: DataCopyFormat): string {
  return `/me/data-copy?format=${format}`;
}
