import { Button, View } from '@tarojs/components';
import { INSURANCE_COLUMNS } from '@contract/insurance';
import PrivacyPopup from '@/components/PrivacyPopup';
import { useRequest } from '@/hooks/useRequest';
import { importInsurance, INSURANCE_TEMPLATE_PATH, insuranceSummary } from '@/services/api/insurance';
import { formatDateTime } from '@/utils/format';
import ImportReportCard from '../../components/ImportReportCard';
import { useXlsxImport } from '../../components/useXlsxImport';
import './index.scss';

/** The bureau imports the 社保 export; subsidy review compares applications with it. */
export default function InsuranceImportPage() {
  const summary = useRequest(insuranceSummary, 'insurance-summary');
  const { busy, report, downloadTemplate, upload, closeReport } = useXlsxImport({
    template: { path: INSURANCE_TEMPLATE_PATH, fileName: '社保参保记录模板.xlsx' },
    send: importInsurance,
    afterImport: summary.reload,
  });

  return (
    <View className='ll-page insurance'>
      <PrivacyPopup />
      <View className='ll-card'>
        <View className='insurance__intro'>
          导入社保部门导出的参保记录（.xlsx）。整份文件校验无误才写入，有错误时列出每一处错误的行和列，不导入任何数据；身份证号导入后加密保存。补贴审核时据此核对参保单位、起始时间和缴费月数。
        </View>
        <View className='insurance__columns'>列（依次）：{INSURANCE_COLUMNS.join('、')}</View>
        <View id='insurance-summary' className='insurance__summary'>
          {summary.data
            ? summary.data.records > 0
              ? `已有 ${summary.data.records} 条参保记录，涉及 ${summary.data.people} 人；最近导入：${summary.data.lastImportAt ? formatDateTime(summary.data.lastImportAt) : '—'}`
              : '尚未导入参保记录'
            : summary.status === 'error'
              ? `概况加载失败：${summary.error ?? ''}`
              : '正在加载概况…'}
        </View>
        <View className='insurance__actions'>
          <Button id='insurance-template' size='mini' type='default' className='insurance__button' onClick={() => void downloadTemplate()}>
            下载模板
          </Button>
          <Button id='insurance-import' size='mini' type='primary' className='insurance__button' loading={busy} disabled={busy} onClick={() => void upload()}>
            导入参保记录（.xlsx）
          </Button>
        </View>
      </View>
      {report && (
        <ImportReportCard
          report={report}
          success={`导入成功：共 ${report.totalRows} 行，新增 ${report.created} 条，更新 ${report.updated} 条`}
          onClose={closeReport}
        />
      )}
    </View>
  );
}
