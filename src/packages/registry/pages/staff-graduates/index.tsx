import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { COLLEGES, DEGREE_LABELS } from '@contract/reference';
import { DESTINATION_KINDS, DESTINATION_LABELS, HARDSHIP_LABELS, type DestinationKind, type GraduateRecordView } from '@contract/registry';
import DataTable, { type DataColumn } from '@/components/DataTable';
import ImportReportCard from '../../components/ImportReportCard';
import { useXlsxImport } from '../../components/useXlsxImport';
import ListFooter from '@/components/ListFooter';
import SelectField from '@/components/SelectField';
import { usePagedList } from '@/hooks/usePagedList';
import { useSession } from '@/hooks/useSession';
import { importGraduates, listGraduates, REGISTRY_TEMPLATE_PATH, type GraduateQuery } from '@/services/api/registry';
import { districtName, formatDate } from '@/utils/format';
import PrivacyPopup from '@/components/PrivacyPopup';
import { pressable } from '@/utils/a11y';
import './index.scss';

const ALL = 'all';
const thisYear = new Date().getFullYear();
const YEARS = [{ value: 0, label: '全部年份' }, ...[thisYear, thisYear - 1, thisYear - 2].map(y => ({ value: y, label: `${y}届` }))];
const DESTINATIONS: Array<{ value: DestinationKind | 'none' | typeof ALL; label: string }> = [
  { value: ALL, label: '全部去向' },
  ...DESTINATION_KINDS.map(k => ({ value: k, label: DESTINATION_LABELS[k] })),
  { value: 'none', label: '未登记去向' },
];
const COLLEGE_OPTIONS = [{ value: ALL, label: '全部高校' }, ...COLLEGES.map(c => ({ value: c.id as string, label: c.name }))];

const columns: Array<DataColumn<GraduateRecordView>> = [
  { key: 'name', title: '姓名', size: 'narrow', render: g => g.name },
  { key: 'id', title: '身份证号', size: 'wide', render: g => g.idNumber },
  { key: 'major', title: '学历 / 专业', size: 'wide', render: g => `${DEGREE_LABELS[g.degree]} · ${g.major}` },
  { key: 'year', title: '届别', size: 'narrow', render: g => `${g.graduationYear}届` },
  { key: 'origin', title: '生源地', render: g => `${g.originProvince}${g.originCity === g.originProvince ? '' : g.originCity}` },
  { key: 'hardship', title: '困难类别', render: g => (g.hardship.length ? g.hardship.map(h => HARDSHIP_LABELS[h]).join('、') : '—') },
  {
    key: 'destination',
    title: '去向',
    size: 'wide',
    render: g =>
      g.destination
        ? `${DESTINATION_LABELS[g.destination.kind]}${g.destination.employer ? ` · ${g.destination.employer}` : ''}${g.destination.districtCode ? ` · ${districtName(g.destination.districtCode)}` : ''}`
        : '未登记',
  },
  { key: 'date', title: '去向日期', render: g => (g.destination ? formatDate(g.destination.date) : '—') },
  { key: 'linked', title: '平台账号', size: 'narrow', render: g => (g.linked ? '已关联' : '未关联') },
];

export default function GraduatesPage() {
  const user = useSession();
  const isCity = Boolean(user?.roles.some(r => r === 'bureau' || r === 'admin'));
  const canImport = Boolean(user?.roles.some(r => r === 'college' || r === 'bureau' || r === 'admin'));
  const [year, setYear] = useState(thisYear);
  const [destination, setDestination] = useState<DestinationKind | 'none' | typeof ALL>(ALL);
  const [college, setCollege] = useState<string>(ALL);
  const [name, setName] = useState('');
  const [q, setQ] = useState('');

  const query: GraduateQuery = {
    graduationYear: year || undefined,
    destination: destination === ALL ? undefined : destination,
    collegeId: isCity && college !== ALL ? college : undefined,
    q: q || undefined,
  };
  const list = usePagedList(cursor => listGraduates({ ...query, cursor, limit: 50 }), query);

  const { busy, report, downloadTemplate, upload: pickAndSend, closeReport } = useXlsxImport({
    template: { path: REGISTRY_TEMPLATE_PATH, fileName: '毕业生名单模板.xlsx' },
    send: (path, fileName) => importGraduates(path, fileName, isCity ? college : undefined),
    afterImport: list.reload,
  });

  const upload = async () => {
    if (isCity && college === ALL) {
      Taro.showToast({ title: '请先在筛选中选择要导入的高校', icon: 'none' });
      return;
    }
    await pickAndSend();
  };

  return (
    <View className='ll-page registry'>
      <PrivacyPopup />
      <View className='registry-toolbar'>
        <View className='registry-toolbar__filters'>
          {isCity && (
            <View className='registry-toolbar__field'>
              <SelectField id='registry-college' title='高校' placeholder='全部高校' options={COLLEGE_OPTIONS} value={college} onChange={setCollege} />
            </View>
          )}
          <View className='registry-toolbar__field'>
            <SelectField id='registry-year' title='届别' placeholder='全部年份' options={YEARS} value={year} onChange={setYear} />
          </View>
          <View className='registry-toolbar__field'>
            <SelectField id='registry-destination' title='去向' placeholder='全部去向' options={DESTINATIONS} value={destination} onChange={setDestination} />
          </View>
          <View id='registry-search' className='registry-toolbar__search'>
            <Input value={name} placeholder='按姓名查找' confirmType='search' onInput={e => setName(e.detail.value)} onConfirm={() => setQ(name.trim())} />
            <View className='registry-toolbar__search-button' {...pressable(() => setQ(name.trim()))}>
              查找
            </View>
          </View>
        </View>
        {canImport && (
          <View className='registry-toolbar__actions'>
            <Button id='registry-template' size='mini' onClick={() => void downloadTemplate()}>
              下载模板
            </Button>
            <Button id='registry-import' size='mini' type='primary' loading={busy} disabled={busy} onClick={() => void upload()}>
              导入名单（.xlsx）
            </Button>
          </View>
        )}
      </View>

      {report && (
        <ImportReportCard
          report={report}
          success={`导入成功：共 ${report.totalRows} 行，新增 ${report.created} 人，更新 ${report.updated} 人，关联平台账号 ${report.linked} 人`}
          onClose={closeReport}
        />
      )}

      {list.items.length > 0 && (
        <DataTable idPrefix='graduate' columns={columns} rows={list.items} rowKey={g => g.id} rowTone={g => (g.destination?.kind === 'unemployed' ? 'warning' : undefined)} />
      )}
      <ListFooter list={list} empty={{ title: '没有符合条件的毕业生', description: canImport ? '可下载模板填写后导入' : undefined, compact: true }} />
    </View>
  );
}
