import { Button, ScrollView, View } from '@tarojs/components';
import { useState } from 'react';
import { ACTIONS, CONTENT_KINDS, CONTENT_KIND_LABELS, CONTENT_STATUSES, CONTENT_STATUS_LABELS, type ContentKind, type ContentStatus } from '@contract/policy';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { useSession } from '@/hooks/useSession';
import { staffContents } from '@/services/api/content';
import { navigate } from '@/services/navigation';
import { formatDate } from '@/utils/format';
import { STATUS_TONES } from '../../status';
import '../staff.scss';
import { pressable } from '@/utils/a11y';

const actionNames = new Map<number, string>(ACTIONS.map(a => [a.no, a.name]));

/** Staff's own entries by status: a table on a desktop browser, cards on a phone (CSS decides). */
export default function StaffContentList() {
  const user = useSession();
  const [status, setStatus] = useState<ContentStatus>();
  const [kind, setKind] = useState<ContentKind>();
  // Back from the editor: statuses and titles may have changed.
  const list = usePagedList(cursor => staffContents({ status, kind, cursor }), { status, kind }, { refreshOnShow: true });

  if (!user?.roles.some(r => r === 'bureau' || r === 'college' || r === 'district' || r === 'admin')) {
    return <EmptyState title='仅工作人员可管理内容' description='请使用市人社局、高校或区县账号登录' />;
  }

  return (
    <View className='ll-page policy-staff'>
      <View className='policy-staff__bar'>
        <View className='policy-staff__title'>政策、服务与机构管理</View>
        <View className='policy-staff__buttons'>
          {CONTENT_KINDS.map(k => (
            <Button key={k} id={`content-new-${k}`} size='mini' className='policy-staff__button' onClick={() => void navigate('staffContentEdit', { kind: k })}>
              新建{CONTENT_KIND_LABELS[k]}
            </Button>
          ))}
        </View>
      </View>
      <ScrollView scrollX className='policy-staff__chips' enhanced showScrollbar={false}>
        <Chip id='content-status-all' active={!status} onClick={() => setStatus(undefined)}>
          全部状态
        </Chip>
        {CONTENT_STATUSES.map(s => (
          <Chip key={s} id={`content-status-${s}`} active={status === s} onClick={() => setStatus(s)}>
            {CONTENT_STATUS_LABELS[s]}
          </Chip>
        ))}
        <Chip id='content-kind-all' active={!kind} onClick={() => setKind(undefined)}>
          全部类型
        </Chip>
        {CONTENT_KINDS.map(k => (
          <Chip key={k} id={`content-kind-${k}`} active={kind === k} onClick={() => setKind(k)}>
            {CONTENT_KIND_LABELS[k]}
          </Chip>
        ))}
      </ScrollView>

      {list.items.length > 0 && (
        <View className='policy-table'>
          <View className='policy-table__row policy-table__row--head'>
            <View className='policy-table__cell policy-table__cell--wide'>标题</View>
            <View className='policy-table__cell'>类型</View>
            <View className='policy-table__cell'>所属行动</View>
            <View className='policy-table__cell'>状态</View>
            <View className='policy-table__cell'>更新时间</View>
          </View>
          {list.items.map(item => (
            <View key={item.id} id={`staff-content-${item.id}`} className='policy-table__row' {...pressable(() => void navigate('staffContentEdit', { id: item.id }), { role: 'link' })}>
              <View className='policy-table__cell policy-table__cell--wide policy-table__cell--title'>
                {item.title}
                {item.statusReason && (item.status === 'unpublished' || item.status === 'archived') && (
                  <View className='policy-staff__muted policy-table__reason'>下架原因：{item.statusReason}</View>
                )}
              </View>
              <View className='policy-table__cell'>{CONTENT_KIND_LABELS[item.kind]}</View>
              <View className='policy-table__cell'>{item.action ? actionNames.get(item.action) : '—'}</View>
              <View className='policy-table__cell'>
                <Tag tone={STATUS_TONES[item.status]}>{CONTENT_STATUS_LABELS[item.status]}</Tag>
              </View>
              <View className='policy-table__cell'>{formatDate(item.updatedAt)}</View>
            </View>
          ))}
        </View>
      )}
      <ListFooter list={list} empty={{ title: '没有符合条件的条目', description: '点右上角“新建”开始', compact: true }} />
    </View>
  );
}
