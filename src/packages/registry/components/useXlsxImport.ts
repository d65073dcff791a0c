import { useState } from 'react';
import Taro from '@tarojs/taro';
import { pickFile } from '@/services/files';
import { saveWorkbook } from '@/services/save-file';
import { errorMessage } from '@/utils/errors';

interface Imported {
  imported: boolean;
}

/**
 * A staff import page's two actions: download the template, and pick an .xlsx and send it, keeping
 * the row report (shown whether the file was taken or refused) and reloading the list when it was taken.
 */
export function useXlsxImport<R extends Imported>(options: {
  template: { path: string; fileName: string };
  send: (path: string, fileName: string) => Promise<R>;
  afterImport: () => Promise<unknown>;
}) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<R>();

  const downloadTemplate = async (): Promise<void> => {
    try {
      await saveWorkbook(options.template.path, options.template.fileName);
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };

  const upload = async (): Promise<void> => {
    const file = await pickFile(['xlsx']);
    if (!file) return;
    setBusy(true);
    setReport(undefined);
    try {
      const result = await options.send(file.path, file.name);
      setReport(result);
      if (result.imported) await options.afterImport();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };

  return { busy, report, downloadTemplate, upload, closeReport: () => setReport(undefined) };
}
