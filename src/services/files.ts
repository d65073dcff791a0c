import Taro from '@tarojs/taro';
import { ERROR_CODES, type ApiErrorBody } from '@contract/error-codes';
import { ApiError } from './http';
import { busyDelayMs } from '@contract/retry';
import { busyRetry, isServerBusy } from './transport';
import { gated } from './privacy';
import * as session from './session';

/** Multipart upload through Taro.uploadFile; `filePath` is a temp path (weapp) or a blob URL (h5). */
export async function uploadFile<T>(path: string, filePath: string, name: string, formData?: Record<string, string>): Promise<T> {
  const token = session.accessToken();
  let res: Taro.uploadFile.SuccessCallbackResult;
  let body: unknown = null;
  for (let attempt = 0; ; attempt++) {
    res = await Taro.uploadFile({
      url: `${API_BASE}${path}`,
      filePath,
      name: 'file',
      fileName: name,
      formData,
      header: token ? { Authorization: `Bearer ${token}` } : {},
    }).catch((): never => {
      throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
    });
    try {
      body = JSON.parse(res.data);
    } catch {
      body = null;
    }
    // uploadFile reports no response headers in weapp, so Retry-After falls back to its default.
    if (attempt < busyRetry.attempts && isServerBusy(res.statusCode, body)) {
      await busyRetry.sleep(busyDelayMs(attempt, undefined, Math.random()));
      continue;
    }
    break;
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return body as T;
  const err = body as ApiErrorBody | null;
  if (err && typeof err.code === 'string') throw new ApiError(res.statusCode, err.code, err.message, err.field, err.requestId);
  throw new ApiError(res.statusCode, 'BAD_REQUEST', ERROR_CODES.BAD_REQUEST.message);
}

/** Full URL of a file behind the API (documents, the bank export), for a download with the bearer token. */
export function apiFileUrl(path: string): string {
  return path.startsWith('/api/') ? `${API_BASE}${path.slice(4)}` : `${API_BASE}${path}`;
}

/**
 * Downloads a protected file to a temp path (weapp) or blob URL (h5), usable as an Image src. With a
 * `fileName`, weapp keeps it under that name in the user data folder, so a file forwarded or saved from
 * the document viewer is not called `tmp_3f9a….xlsx`.
 */
export async function downloadProtected(path: string, fileName?: string): Promise<string> {
  const token = session.accessToken();
  const userData = process.env.TARO_ENV === 'weapp' && fileName ? Taro.env.USER_DATA_PATH : undefined;
  const res = await Taro.downloadFile({
    url: apiFileUrl(path),
    header: token ? { Authorization: `Bearer ${token}` } : {},
    ...(userData && fileName ? { filePath: `${userData}/${fileName.replace(/[\\/:*?"<>|]/g, '_')}` } : {}),
  });
  if (res.statusCode !== 200) throw new ApiError(res.statusCode, res.statusCode === 403 ? 'OUT_OF_SCOPE' : 'NOT_FOUND', '文件无法打开');
  return (res as Taro.downloadFile.FileSuccessCallbackResult & { filePath?: string }).filePath || res.tempFilePath;
}

/** Downloads a protected file and opens it (weapp: openDocument / previewImage; h5: a new tab). */
export async function openProtectedFile(path: string, type: 'pdf' | 'png' | 'jpeg' | 'xlsx'): Promise<void> {
  const file = await downloadProtected(path);
  if (process.env.TARO_ENV === 'h5') {
    window.open(file, '_blank');
  } else if (type === 'png' || type === 'jpeg') {
    await previewImage(file);
  } else {
    await Taro.openDocument({ filePath: file, fileType: type, showMenu: true });
  }
}

/**
 * Shows an image full screen: weapp's previewer, a new tab in h5. In h5, Taro's previewImage brings
 * a 200 KB swiper into every page's first load (the API index is shared by all pages), so the choice
 * is a conditional expression the build resolves and drops: not an early return, and not inside an
 * async function (compiled to a state machine, its branches are no longer dropped).
 */
export function previewImage(url: string): Promise<void> {
  return process.env.TARO_ENV === 'h5' ? openInTab(url) : Taro.previewImage({ urls: [url] }).then(() => undefined);
}

function openInTab(url: string): Promise<void> {
  window.open(url, '_blank');
  return Promise.resolve();
}

/** Lets the user pick one file: weapp from a chat, h5 from the disk. Resolves undefined on cancel. */
export function pickFile(extensions: string[]): Promise<{ path: string; name: string } | undefined> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise(resolve => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = extensions.map(e => `.${e}`).join(',');
      input.onchange = () => {
        const file = input.files?.[0];
        resolve(file ? { path: URL.createObjectURL(file), name: file.name } : undefined);
      };
      input.click();
    });
  }
  return gated('files', () => Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions })).then(res =>
    res ? { path: res.tempFiles[0].path, name: res.tempFiles[0].name } : undefined,
  );
}

/** Picks one photo (album or camera), e.g. a business licence. Resolves undefined on cancel. */
export function pickImage(): Promise<{ path: string; name: string } | undefined> {
  if (process.env.TARO_ENV === 'h5') return pickFile(['png', 'jpg', 'jpeg']);
  return gated('photos', () => Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })).then(res => {
    if (!res) return undefined;
    const path = res.tempFiles[0].tempFilePath;
    return { path, name: path.split('/').pop() ?? 'licence.jpg' };
  });
}
