import type { Page } from '@contract/common';
import type { FairBoothView, FairCheckInResult, FairDetail, FairInput, FairRegistrant, FairTicket, FairView, MyFair } from '@contract/job';
import { request } from '../http';

const id = (value: string) => encodeURIComponent(value);

export function upcomingFairs(query: { cursor?: string; limit?: number }): Promise<Page<FairView>> {
  return request<Page<FairView>>({ path: '/fairs', query: { ...query } });
}

/** With the signed-in student's own registration, if any. */
export function getFair(fairId: string): Promise<FairDetail> {
  return request<FairDetail>({ path: `/fairs/${id(fairId)}` });
}

export function fairBooths(fairId: string): Promise<FairBoothView[]> {
  return request<FairBoothView[]>({ path: `/fairs/${id(fairId)}/booths` });
}

export function registerFair(fairId: string): Promise<MyFair> {
  return request<MyFair>({ method: 'POST', path: `/fairs/${id(fairId)}/registrations`, data: {} });
}

/** A fresh signed check-in code; asking again voids the previous one. */
export function fairTicket(fairId: string): Promise<FairTicket> {
  return request<FairTicket>({ method: 'POST', path: `/fairs/${id(fairId)}/ticket`, data: {} });
}

export function myFairs(query: { cursor?: string; limit?: number }): Promise<Page<MyFair>> {
  return request<Page<MyFair>>({ path: '/me/fairs', query: { ...query } });
}

// Staff

export function createFair(input: FairInput): Promise<FairView> {
  return request<FairView>({ method: 'POST', path: '/fairs', data: input });
}

export function fairRegistrants(fairId: string, query: { cursor?: string; limit?: number }): Promise<Page<FairRegistrant>> {
  return request<Page<FairRegistrant>>({ path: `/fairs/${id(fairId)}/registrations`, query: { ...query } });
}

export function checkIn(fairId: string, token: string): Promise<FairCheckInResult> {
  return request<FairCheckInResult>({ method: 'POST', path: `/fairs/${id(fairId)}/check-ins`, data: { token } });
}
