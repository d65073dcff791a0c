import { useState } from 'react';
import { View } from '@tarojs/components';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintQueueQuery,
  type ComplaintStaffView,
  type ComplaintStatus,
} from '@contract/complaint';
import { DISTRICTS, type DistrictCode } from '@contract/reference';
import Chip from '@/components/Chip';
import DataTable, { type DataColumn } from '@/components/DataTable';
import ListFooter from '@/components/ListFooter';
import SelectField from '@/components/SelectField';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { useSession } from '@/hooks/useSession';
import { complaintQueue } from '@/services/api/complaint';
import { navigate } from '@/services/navigation';
import { districtName, formatDate } from '@/utils/format';
import { partyOf, statusTone } from '../../components/format';
import { pressable } from '@/utils/a11y';
import './index.scss';

const ALL = 'all';
const categoryOptions = [{ value: ALL, label: '全部类别' }, ...COMPLAINT_CATEGORIES.map(c => ({ value: c, label: COMPLAINT_CATEGORY_LABELS[c] }))];
const districtOptions = [{ value: ALL, label: '全市' }, ...DISTRICTS.map(d => ({ value: d.code, label: d.name }))];

const QUEUE_COLUMNS: ReadonlyArray<DataColumn<ComplaintStaffView>> = [
  { key: 'category', title: '类别', render: c => c.categoryLabel },
  { key: 'status', title: '状态', size: 'narrow', render: c => <Tag tone={statusTone(c.status)}>{c.statusLabel}</Tag> },
  { key: 'party', title: '被投诉方', size: 'wide', render: c => partyOf(c) },
  { key: 'district', title: '地区', render: c => districtName(c.district) },
  { key: 'handler', title: '承办', render: c => c.handler?.name ?? '待分派' },
  {
    key: 'due',
    title: '期限',
    render: c => <View className={`complaint-queue__date${c.overdue ? ' complaint-queue__date--overdue' : ''}`}>{c.dueAt ? `${formatDate(c.dueAt)}${c.overdue ? ' 超期' : ''}` : '-'}</View>,
  },
  { key: 'submitted', title: '提交', render: c => <View className='complaint-queue__date'>{formatDate(c.submittedAt)}</View> },
];

/** A table on a desktop browser, one card per complaint on a phone (DataTable: the same markup, CSS decides). */
export default function ComplaintQueuePage() {
  const user = useSession();
  const isBureau = !!user?.roles.includes('bureau');
  const [query, setQuery] = useState<ComplaintQueueQuery>({});
  const list = usePagedList(cursor => complaintQueue({ ...query, cursor, limit: 20 }), query);

  const setStatus = (status?: ComplaintStatus) => setQuery(q => ({ ...q, status }));

  return (
    <View className='ll-page complaint-queue'>
      <View className='complaint-queue__bar'>
        <View className='complaint-queue__title'>投诉举报办理</View>
        <View id='complaint-queue-hotlines' className='complaint-queue__link' {...pressable(() => navigate('complaintHotlines'), { role: 'link' })}>
          维权电话{isBureau ? '（可编辑）' : ''} ›
        </View>
      </View>
      <View className='complaint-queue__filters'>
        <Chip id='complaint-filter-all' active={!query.status && !query.overdue} onClick={() => setQuery(q => ({ ...q, status: undefined, overdue: undefined }))}>
          全部
        </Chip>
        <Chip id='complaint-filter-overdue' active={!!query.overdue} onClick={() => setQuery(q => ({ ...q, overdue: q.overdue ? undefined : true }))}>
          已超期
        </Chip>
        {COMPLAINT_STATUSES.map(s => (
          <Chip key={s} id={`complaint-filter-${s}`} active={query.status === s} onClick={() => setStatus(query.status === s ? undefined : s)}>
            {COMPLAINT_STATUS_LABELS[s]}
          </Chip>
        ))}
      </View>
      <View className='complaint-queue__selects'>
        <View className='complaint-queue__select'>
          <SelectField
            id='complaint-filter-category'
            title='投诉类别'
            placeholder='全部类别'
            options={categoryOptions}
            value={query.category ?? ALL}
            onChange={v => setQuery(q => ({ ...q, category: v === ALL ? undefined : (v as ComplaintCategory) }))}
          />
        </View>
        {isBureau && (
          <View className='complaint-queue__select'>
            <SelectField
              id='complaint-filter-district'
              title='地区'
              placeholder='全市'
              options={districtOptions}
              value={query.district ?? ALL}
              onChange={v => setQuery(q => ({ ...q, district: v === ALL ? undefined : (v as DistrictCode) }))}
            />
          </View>
        )}
      </View>

      {list.items.length > 0 && (
        <DataTable
          idPrefix='complaint-row'
          columns={QUEUE_COLUMNS}
          rows={list.items}
          rowKey={c => c.id}
          onRowClick={c => void navigate('staffComplaintDetail', { id: c.id })}
        />
      )}
      <ListFooter list={list} empty={{ title: '没有符合条件的投诉' }} compact />
    </View>
  );
}
