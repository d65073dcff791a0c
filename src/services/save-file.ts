import Taro from '@tarojs/taro';
import { downloadProtected } from './files';

/**
 * Saves a file behind the API under a meaningful name (the server's Content-Disposition says the same):
 * h5 downloads it under that name; weapp keeps it under that name and opens a workbook or PDF with the
 * share menu, from where staff forward it to a computer or save it, and hands other files (JSON) to the
 * chat-forwarding sheet, the one way a weapp user can keep one.
 */
export async function saveDownload(path: string, fileName: string, kind: 'xlsx' | 'pdf' | 'json'): Promise<void> {
  const file = await downloadProtected(path, fileName);
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = file;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    return;
  }
  if (kind === 'json') await Taro.shareFileMessage({ filePath: file, fileName });
  else await Taro.openDocument({ filePath: file, fileType: kind, showMenu: true });
}

/** A workbook (a report, a template, the bank file) saved under its name. */
export function saveWorkbook(path: string, fileName: string): Promise<void> {
  return saveDownload(path, fileName, 'xlsx');
}
