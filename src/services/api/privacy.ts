import type { Page } from '@contract/common';
import type { ConsentPurpose, ConsentView, DataViewRecord } from '@contract/privacy';
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
