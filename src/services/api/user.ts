import type { Page } from '@contract/common';
import type { Role } from '@contract/roles';
import type { Me, ProfileInput, RoleAssignment, UserSummary } from '@contract/user';
import { request } from '../http';

export function getMe(): Promise<Me> {
  return request<Me>({ path: '/me' });
}

export function updateProfile(input: ProfileInput): Promise<Me> {
  return request<Me>({ method: 'PUT', path: '/me/profile', data: input });
}

/** `code` comes from `<Button openType="getPhoneNumber">` (weapp only). */
export function bindPhone(code: string): Promise<Me> {
  return request<Me>({ method: 'POST', path: '/me/phone', data: { code } });
}

/** A number the user typed because WeChat's verification was unavailable or declined: kept unverified. */
export function typePhone(phone: string): Promise<Me> {
  return request<Me>({ method: 'POST', path: '/me/phone/typed', data: { phone } });
}

export interface UserListQuery {
  role?: Role;
  q?: string;
  cursor?: string;
  limit?: number;
}

/** The admin's user list, by name keyword and role. */
export function adminUsers(query: UserListQuery): Promise<Page<UserSummary>> {
  return request<Page<UserSummary>>({ path: '/admin/users', query: { ...query } });
}

/** Users with this phone number: sent in the body, so the number never appears in a URL or a log. */
export function adminUsersByPhone(phone: string, query: Omit<UserListQuery, 'q'>): Promise<Page<UserSummary>> {
  return request<Page<UserSummary>>({ method: 'POST', path: '/admin/users/search', data: { phone, ...query } });
}

export function assignRoles(userId: string, input: RoleAssignment & { reason: string }): Promise<UserSummary> {
  return request<UserSummary>({ method: 'PUT', path: `/admin/users/${userId}/roles`, data: input });
}
