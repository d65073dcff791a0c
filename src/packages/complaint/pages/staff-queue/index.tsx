import { useState } from 'react';
import { View } from '@tarojs/components';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintQueueQuery,
  type ComplaintStatus,
} from '@contract/complaint';
import { DISTRICTS, type DistrictCode } from '@contract/reference';
import Chip from '@/components/Chip';
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

/** A table on a desktop browser, rows of cards on a phone (the same markup, CSS decides). */
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
        <View className='complaint-table'>
          <View className='complaint-table__row complaint-table__row--head'>
            <View className='complaint-table__cell'>类别</View>
            <View className='complaint-table__cell complaint-table__cell--wide'>被投诉方</View>
            <View className='complaint-table__cell'>地区</View>
            <View className='complaint-table__cell'>状态</View>
            <View className='complaint-table__cell'>承办</View>
            <View className='complaint-table__cell'>期限</View>
            <View className='complaint-table__cell'>提交</View>
          </View>
          {list.items.map(c => (
            <View key={c.id} id={`complaint-row-${c.id}`} className='complaint-table__row' {...pressable(() => navigate('staffComplaintDetail', { id: c.id }), { role: 'link' })}>
              <View className='complaint-table__cell'>{c.categoryLabel}</View>
              <View className='complaint-table__cell complaint-table__cell--wide'>{partyOf(c)}</View>
              <View className='complaint-table__cell'>{districtName(c.district)}</View>
              <View className='complaint-table__cell'>
                <Tag tone={statusTone(c.status)}>{c.statusLabel}</Tag>
              </View>
              <View className='complaint-table__cell'>{c.handler?.name ?? '待分派'}</View>
              <View className={`complaint-table__cell${c.overdue ? ' complaint-table__cell--overdue' : ''}`}>
                {c.dueAt ? `${formatDate(c.dueAt)}${c.overdue ? ' 超期' : ''}` : '-'}
              </View>
              <View className='complaint-table__cell'>{formatDate(c.submittedAt)}</View>
            </View>
          ))}
        </View>
      )}
      <ListFooter list={list} empty={{ title: '没有符合条件的投诉' }} compact />
    </View>
  );
}
