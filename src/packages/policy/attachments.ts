import Taro from '@tarojs/taro';
import type { AttachmentType, ContentAttachment } from '@contract/policy';
import { apiFileUrl, downloadProtected, previewImage } from '@/services/files';
import { gated } from '@/services/privacy';

const LABELS: Record<AttachmentType, string> = {
  pdf: 'PDF',
  png: '图片',
  jpeg: '图片',
  doc: 'Word',
  docx: 'Word',
  xls: 'Excel',
  xlsx: 'Excel',
};

/** Where an attachment can be opened: an uploaded file behind the API, or a link as given. */
export function attachmentHref(file: ContentAttachment): string {
  return file.fileId ? apiFileUrl(file.url) : file.url;
}

/** `PDF · 1.2 MB`, `链接` for a link. */
export function attachmentLabel(file: ContentAttachment): string {
  if (!file.fileId || !file.type) return '链接';
  const size = file.size ?? 0;
  const amount = size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1024))} KB`;
  return `${LABELS[file.type]} · ${amount}`;
}

/**
 * Opens an attachment. weapp: an uploaded file is downloaded (with the staff member's token for a
 * draft) and shown with previewImage or openDocument; a link is tried the same way and copied if
 * WeChat cannot open it. h5: a published file or a link opens in a new tab; a draft's file needs
 * the token, so it is downloaded first.
 */
export async function openAttachment(file: ContentAttachment, opts: { signed?: boolean } = {}): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    if (!file.fileId || !opts.signed) {
      window.open(attachmentHref(file), '_blank');
      return;
    }
    // Open the tab within the tap (popup blockers), then point it at the downloaded file.
    const tab = window.open('', '_blank');
    const blob = await downloadProtected(file.url);
    if (tab) tab.location.href = blob;
    else window.location.href = blob;
    return;
  }
  Taro.showLoading({ title: '正在打开' });
  try {
    if (file.fileId && file.type) {
      const path = await downloadProtected(file.url);
      Taro.hideLoading();
      if (file.type === 'png' || file.type === 'jpeg') await previewImage(path);
      else await Taro.openDocument({ filePath: path, fileType: file.type, showMenu: true });
      return;
    }
    const res = await Taro.downloadFile({ url: file.url });
    if (res.statusCode !== 200) throw new Error(`download answered ${res.statusCode}`);
    Taro.hideLoading();
    await Taro.openDocument({ filePath: res.tempFilePath, showMenu: true });
  } catch {
    // Not a document type WeChat opens, or the host is not a whitelisted download domain:
    // the link still works in a browser.
    Taro.hideLoading();
    if (await gated('clipboard', () => Taro.setClipboardData({ data: attachmentHref(file) }))) {
      Taro.showToast({ title: '无法直接打开，链接已复制', icon: 'none' });
    }
  }
}
