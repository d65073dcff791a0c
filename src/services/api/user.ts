import type { Me, ProfileInput } from '@contract/user';
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
