import Taro from '@tarojs/taro';
import type { Role } from '@contract/roles';
import type { TextSizeMode } from './utils/text-scale';

export interface StoredSession {
  userId: string;
  roles: Role[];
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  accessExpiresAt: number;
}

/** Everything the app keeps in local storage, by key. */
export interface StorageSchema {
  session: StoredSession;
  /** The privacy guide version (contract/privacy.ts) this device's user agreed to. */
  privacyAgreedVersion: number;
  /** 大字模式 chosen in 我的 (absent: follow WeChat's font size). */
  textSize: TextSizeMode;
  /** A recruiter's last interview place and contact, offered again in the next invitation. */
  interviewContact: { location: string; contactName: string; contactPhone: string };
}

export type StorageKey = keyof StorageSchema;

// Versioned prefix: a future shape change can bump it instead of migrating old entries.
const PREFIX = 'll.v1.';

/** The key a value is kept under (the h5 index.html looks for the session by it: config/route-preload.js). */
export const storageKey = (key: StorageKey): string => PREFIX + key;

export const storage = {
  get<K extends StorageKey>(key: K): StorageSchema[K] | undefined {
    const value: unknown = Taro.getStorageSync(storageKey(key));
    // getStorageSync returns '' for a missing key.
    return value === '' || value === null || value === undefined ? undefined : (value as StorageSchema[K]);
  },
  set<K extends StorageKey>(key: K, value: StorageSchema[K]): void {
    Taro.setStorageSync(storageKey(key), value);
  },
  remove(key: StorageKey): void {
    Taro.removeStorageSync(storageKey(key));
  },
};
