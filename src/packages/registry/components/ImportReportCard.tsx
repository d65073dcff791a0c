import { useState } from 'react';
import { View } from '@tarojs/components';
import DataTable from '@/components/DataTable';
import { pressable } from '@/utils/a11y';
import './ImportReportCard.scss';

/** The part of an import's answer the card shows (registry and social-insurance imports share it). */
export interface ImportReportLike {
  imported: boolean;
  message?: string;
  badRows: number;
  errors: Array<{ row: number; column?: string; message: string }>;
  elapsedMs: number;
}

/** Rows of the error table shown at once: a refused 10,000-row file names every bad row, a page at a time. */
const PAGE = 100;

/** An import's outcome: what was written, or every bad row with its column and what to fix. */
export default function ImportReportCard({ report, success, onClose }: { report: ImportReportLike; success: string; onClose: () => void }) {
  const [shown, setShown] = useState(PAGE);
  const rest = report.errors.length - shown;
  return (
    <View id='import-report' className={`ll-card registry-report${report.imported ? '' : ' registry-report--failed'}`}>
      <View className='registry-report__head'>
        <View className='registry-report__title' role='status'>
          {report.imported ? success : (report.message ?? '文件中有错误，未导入任何数据')}
        </View>
        <View className='registry-report__close' {...pressable(onClose, { label: '关闭导入报告' })}>
          关闭
        </View>
      </View>
      {!report.imported && report.errors.length > 0 && (
        <DataTable
          idPrefix='import-error'
          columns={[
            { key: 'row', title: '行号', size: 'narrow', render: e => `第 ${e.row} 行` },
            { key: 'column', title: '列', size: 'narrow', render: e => e.column ?? '—' },
            { key: 'message', title: '问题', size: 'wide', render: e => e.message },
          ]}
          rows={report.errors.slice(0, shown)}
          rowKey={e => `${e.row}-${e.column ?? ''}-${e.message}`}
        />
      )}
      {!report.imported && rest > 0 && (
        <View id='import-report-more' className='registry-report__more' {...pressable(() => setShown(n => n + PAGE * 5))}>
          再显示 {Math.min(rest, PAGE * 5)} 处（共 {report.errors.length} 处，还有 {rest} 处未显示）
        </View>
      )}
      <View className='registry-report__meta'>用时 {(report.elapsedMs / 1000).toFixed(1)} 秒</View>
    </View>
  );
}
