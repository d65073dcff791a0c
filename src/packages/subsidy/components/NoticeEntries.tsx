import { useState, type ReactNode } from 'react';
import { Button, Input, View } from '@tarojs/components';
import type { Page } from '@contract/common';
import type { PublicityEntry, PublicityEntryQuery, PublicityNoticeView } from '@contract/subsidy-publicity';
import Chip from '@/components/Chip';
import ListFooter from '@/components/ListFooter';
import { usePagedList } from '@/hooks/usePagedList';
import { fieldLabelProps, pressable } from '@/utils/a11y';
import './NoticeEntries.scss';

const PAGE_SIZE = 20;

export interface NoticeEntriesProps {
  notice: PublicityNoticeView;
  load: (noticeId: string, query: PublicityEntryQuery) => Promise<Page<PublicityEntry>>;
  /** One entry as this page shows it; `reload` loads the list again after the entry changed (an objection held it). */
  renderEntry: (entry: PublicityEntry, reload: () => void) => ReactNode;
}

/**
 * A notice's list a page at a time (the next page on reaching the bottom) with a search by full name: a notice
 * may list thousands, and a person looks for their own line. One per page: the list hook follows the page's scroll.
 */
export default function NoticeEntries({ notice, load, renderEntry }: NoticeEntriesProps) {
  const [draft, setDraft] = useState('');
  const [name, setName] = useState('');
  const [program, setProgram] = useState<string>();
  const list = usePagedList(
    cursor => load(notice.id, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}), ...(name ? { name } : {}), ...(program ? { program } : {}) }),
    { notice: notice.id, name, program },
    { itemKey: e => e.applicationId },
  );
  const search = () => setName(draft.trim());
  const clear = () => {
    setDraft('');
    setName('');
  };
  return (
    <View id={`notice-entries-${notice.id}`} className='notice-entries'>
      <View className='notice-entries__search'>
        <Input
          id={`notice-search-${notice.id}`}
          className='notice-entries__input'
          value={draft}
          placeholder='搜索姓名（申请时填写的全名）'
          confirmType='search'
          maxlength={30}
          {...fieldLabelProps('搜索姓名')}
          onInput={e => setDraft(e.detail.value)}
          onConfirm={search}
        />
        {draft && (
          <View className='notice-entries__clear' {...pressable(clear, { label: '清空搜索' })}>
            ×
          </View>
        )}
        <Button id={`notice-search-submit-${notice.id}`} className='notice-entries__submit' size='mini' onClick={search}>
          搜索
        </Button>
      </View>
      {notice.programs.length > 1 && (
        <View className='notice-entries__programs'>
          <Chip active={!program} onClick={() => setProgram(undefined)}>
            全部项目
          </Chip>
          {notice.programs.map(p => (
            <Chip key={p} active={program === p} onClick={() => setProgram(program === p ? undefined : p)}>
              {p}
            </Chip>
          ))}
        </View>
      )}
      {name && list.status === 'ready' && list.items.length > 0 && (
        <View className='notice-entries__found' role='status'>
          名单中姓名为“{name}”的：
        </View>
      )}
      {list.items.map(e => (
        <View key={e.applicationId}>{renderEntry(e, () => void list.reload())}</View>
      ))}
      <ListFooter
        list={list}
        compact
        loadingTitle={name ? '正在查找…' : '正在加载名单…'}
        empty={name ? { title: `名单中没有“${name}”`, description: '请输入申请时填写的全名，须完全一致' } : { title: program ? '该项目不在本批次名单中' : '名单中已没有待发放的申请' }}
      />
    </View>
  );
}
