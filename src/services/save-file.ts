import Taro from '@tarojs/taro';
import { downloadProtected } from './files';

/**
 * Saves a workbook behind the API: h5 downloads it under its name; weapp opens it with the
 * share menu, from where staff forward it to a computer or save it.
 */
export async function saveWorkbook(path: string, fileName: string): Promise<void> {
  const file = await downloadProtected(path);
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = file;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    return;
  }
  await Taro.openDocument({ filePath: file, fileType: 'xlsx', showMenu: true });
}

/**
 * Saves a file behind the API under its name: h5 downloads it; weapp opens a workbook with the share
 * menu, and hands other files (JSON) to the chat-forwarding sheet, the one way a weapp user can keep one.
 */
export async function saveDownload(path: string, fileName: string, kind: 'xlsx' | 'json'): Promise<void> {
  if (kind === 'xlsx' || process.env.TARO_ENV === 'h5') {
    await saveWorkbook(path, fileName);
    return;
  }
  const file = await downloadProtected(path);
  await Taro.shareFileMessage({ filePath: file, fileName });
}
