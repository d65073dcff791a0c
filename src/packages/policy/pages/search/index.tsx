import { useMemo, useState } from 'react';
import { Button, Input, ScrollView, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Page } from '@contract/common';
import { ACTIONS, CONTENT_KINDS, CONTENT_KIND_LABELS, type ActionNo, type ContentKind, type ContentSummary } from '@contract/policy';
import { DISTRICTS, type DistrictCode } from '@contract/reference';
import Chip from '@/components/Chip';
import ContentCard from '@/components/ContentCard';
import EmptyState from '@/components/EmptyState';
import ListFooter from '@/components/ListFooter';
import { usePagedList } from '@/hooks/usePagedList';
import { useRequest } from '@/hooks/useRequest';
import { useResumedAction } from '@/hooks/useResumedAction';
import { useSession } from '@/hooks/useSession';
import { contentsForMe, listContents, searchContents } from '@/services/api/content';
import { navigate } from '@/services/navigation';
import { requireLogin } from '@/services/login-gate';
import { errorMessage } from '@/utils/errors';
import HighlightText from '../../components/HighlightText';
import { matchesFilters, tagsOf, type ContentFilters } from '../../filters';
import { pressable } from '@/utils/a11y';
import './index.scss';

type Mode = 'all' | 'forMe';

interface Query extends ContentFilters {
  kind?: ContentKind;
}

const NO_PAGE: Page<ContentSummary> = { items: [] };

/** Query values arrive encoded in weapp and decoded in h5; a stray `%` must not throw. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function Results({ items, onOpen }: { items: ContentSummary[]; onOpen: (item: ContentSummary) => void }) {
  return (
    <View>
      {items.map(item => (
        <ContentCard key={item.id} item={item} onClick={() => onOpen(item)} summary={item.highlight ? <HighlightText snippet={item.highlight} /> : undefined} />
      ))}
    </View>
  );
}

export default function PolicySearch() {
  const { params } = useRouter();
  const user = useSession();
  const isStudent = user?.roles.includes('student') ?? false;
  const [draft, setDraft] = useState(() => safeDecode(params.q ?? ''));
  const [q, setQ] = useState(draft.trim());
  const [mode, setMode] = useState<Mode>(params.mode === 'forMe' ? 'forMe' : 'all');
  // Back signed in from the login page the "for me" prompt opened: show the recommendations it asked for.
  useResumedAction('recommend', 'policy-for-me', () => setMode('forMe'));
  const [query, setQuery] = useState<Query>({});
  const set = <K extends keyof Query>(key: K, value: Query[K]) => setQuery(prev => ({ ...prev, [key]: prev[key] === value ? undefined : value }));

  // Browsing (no keywords, not "for me") pages through the list with server-side filters.
  const browsing = !q && mode === 'all';
  const list = usePagedList(
    cursor => (browsing ? listContents({ kind: query.kind, action: query.action, district: query.district, tag: query.tag, cursor }) : Promise.resolve(NO_PAGE)),
    { ...query, browsing },
  );
  // Search and "for me" answer one ranked list; filters narrow it here.
  const ranked = useRequest<ContentSummary[]>(
    () => {
      if (mode === 'forMe') return isStudent ? contentsForMe(50) : Promise.resolve([]);
      return q ? searchContents(q, query.kind) : Promise.resolve([]);
    },
    mode === 'forMe' ? `forMe|${isStudent}` : `q|${q}|${query.kind ?? ''}`,
  );
  const rankedItems = useMemo(
    () => (ranked.data ?? []).filter(item => (!query.kind || item.kind === query.kind) && matchesFilters(item, query)),
    [ranked.data, query],
  );

  const submit = () => {
    const next = draft.trim();
    if (next.length > 40) {
      Taro.showToast({ title: '关键词最多 40 个字', icon: 'none' });
      return;
    }
    setQ(next);
    setMode('all');
  };

  const open = (item: ContentSummary) => navigate('policyDetail', { id: item.id });
  const tags = tagsOf(browsing ? list.items : ranked.data ?? []);

  return (
    <View className='policy-search'>
      <View className='policy-search__head'>
        <View className='policy-search__box'>
          <Input
            id='policy-search-input'
            className='policy-search__input'
            value={draft}
            placeholder='搜索政策、服务、机构，如：住房补贴'
            confirmType='search'
            maxlength={40}
            onInput={e => setDraft(e.detail.value)}
            onConfirm={submit}
          />
          {draft && (
            <View
              className='policy-search__clear'
              {...pressable(
                () => {
                  setDraft('');
                  setQ('');
                },
                { label: '清空搜索' },
              )}
            >
              ×
            </View>
          )}
          <Button id='policy-search-submit' className='policy-search__submit' size='mini' onClick={submit}>
            搜索
          </Button>
        </View>
        <View className='policy-search__modes'>
          {(['all', 'forMe'] as const).map(m => (
            <View key={m} id={`policy-search-mode-${m}`} className={`policy-search__mode${m === mode ? ' policy-search__mode--active' : ''}`} {...pressable(() => setMode(m), { role: 'radio', checked: m === mode })}>
              {m === 'all' ? (q ? '搜索结果' : '全部') : '为我推荐'}
            </View>
          ))}
        </View>
        <ScrollView scrollX className='policy-search__chips' enhanced showScrollbar={false}>
          <Chip id='policy-filter-kind-all' active={!query.kind} onClick={() => setQuery(prev => ({ ...prev, kind: undefined }))}>
            全部类型
          </Chip>
          {CONTENT_KINDS.map(k => (
            <Chip key={k} id={`policy-filter-kind-${k}`} active={query.kind === k} onClick={() => set('kind', k)}>
              {CONTENT_KIND_LABELS[k]}
            </Chip>
          ))}
          {DISTRICTS.map(d => (
            <Chip key={d.code} id={`policy-filter-district-${d.code}`} active={query.district === d.code} onClick={() => set('district', d.code as DistrictCode)}>
              {d.name}
            </Chip>
          ))}
        </ScrollView>
        <ScrollView scrollX className='policy-search__chips' enhanced showScrollbar={false}>
          <Chip id='policy-filter-action-all' active={!query.action} onClick={() => setQuery(prev => ({ ...prev, action: undefined }))}>
            全部行动
          </Chip>
          {ACTIONS.map(a => (
            <Chip key={a.no} id={`policy-filter-action-${a.no}`} active={query.action === a.no} onClick={() => set('action', a.no as ActionNo)}>
              {a.name.replace(/行动$/, '')}
            </Chip>
          ))}
        </ScrollView>
        {(tags.length > 0 || query.tag) && (
          <ScrollView scrollX className='policy-search__chips' enhanced showScrollbar={false}>
            {[...new Set([...(query.tag ? [query.tag] : []), ...tags])].map(tag => (
              <Chip key={tag} id={`policy-filter-tag-${tag}`} active={query.tag === tag} onClick={() => set('tag', tag)}>
                #{tag}
              </Chip>
            ))}
          </ScrollView>
        )}
      </View>

      <View className='ll-page'>
        {mode === 'forMe' && !isStudent ? (
          <EmptyState
            title='登录后为你推荐'
            description='按你的毕业年份、学历、学校和意向地区推荐适合你的政策'
            actionText='登录'
            onAction={() => void requireLogin('recommend', 'policy-for-me').catch((err: unknown) => Taro.showToast({ title: errorMessage(err), icon: 'none' }))}
          />
        ) : browsing ? (
          <View>
            {list.items.length > 0 && (
              <View id='policy-search-results'>
                <Results items={list.items} onOpen={open} />
              </View>
            )}
            <ListFooter list={list} empty={{ title: '暂无内容', description: '换个筛选条件看看' }} />
          </View>
        ) : (
          <View>
            {ranked.status === 'loading' && <EmptyState kind='loading' title={q ? '正在搜索…' : '正在加载…'} />}
            {ranked.status === 'error' && <EmptyState kind='error' title='加载失败' description={ranked.error} actionText='重试' onAction={ranked.reload} />}
            {ranked.status === 'ready' && rankedItems.length === 0 && (
              <EmptyState
                title={mode === 'forMe' ? '暂无适合你的政策' : `没有找到与“${q}”相关的内容`}
                description={mode === 'forMe' ? '完善个人资料后推荐会更准确' : '换个关键词试试，两个字也可以搜索'}
              />
            )}
            {ranked.status === 'ready' && rankedItems.length > 0 && (
              <View id='policy-search-results'>
                {q && mode === 'all' && <View className='policy-search__count'>共 {rankedItems.length} 条结果，按相关度排序</View>}
                <Results items={rankedItems} onOpen={open} />
              </View>
            )}
          </View>
        )}
      </View>
    </View>
  );
}
