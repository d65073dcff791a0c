import { useEffect, useState } from 'react';
import { ScrollView, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ACTIONS, CONTENT_KINDS, type ActionNo, type ContentKind } from '@contract/policy';
import Chip from '@/components/Chip';
import ContentCard from '@/components/ContentCard';
import ListFooter from '@/components/ListFooter';
import { navigate } from '@/services/navigation';
import { usePagedList } from '@/hooks/usePagedList';
import { listContents } from '@/services/api/content';
import { pressable } from '@/utils/a11y';
import './index.scss';

const LIST_TITLES: Record<ContentKind, string> = {
  policy: '政策清单',
  service: '服务清单',
  institution: '机构清单',
};

function parseKind(raw: string | undefined): ContentKind {
  return CONTENT_KINDS.find(kind => kind === raw) ?? 'policy';
}

function parseAction(raw: string | undefined): ActionNo | undefined {
  return ACTIONS.find(action => String(action.no) === raw)?.no;
}

export default function PolicyList() {
  const { params } = useRouter();
  const [kind, setKind] = useState(() => parseKind(params.kind));
  const [action, setAction] = useState(() => parseAction(params.action));
  const list = usePagedList(cursor => listContents({ kind, action, cursor }), { kind, action });

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: LIST_TITLES[kind] });
  }, [kind]);

  return (
    <View className='policy-list'>
      <View className='policy-list__filters'>
        <View className='policy-list__kinds'>
          {CONTENT_KINDS.map(k => (
            <View key={k} id={`content-kind-${k}`} className={`policy-list__kind${k === kind ? ' policy-list__kind--active' : ''}`} {...pressable(() => setKind(k), { role: 'radio', checked: k === kind })}>
              {LIST_TITLES[k]}
            </View>
          ))}
        </View>
        <ScrollView scrollX className='policy-list__actions' enhanced showScrollbar={false}>
          <Chip id='content-action-all' active={!action} onClick={() => setAction(undefined)}>
            全部行动
          </Chip>
          {ACTIONS.map(a => (
            <Chip key={a.no} id={`content-action-${a.no}`} active={action === a.no} onClick={() => setAction(a.no)}>
              {a.name.replace(/行动$/, '')}
            </Chip>
          ))}
        </ScrollView>
      </View>

      <View className='ll-page'>
        {list.items.map(item => (
          <ContentCard key={item.id} item={item} onClick={() => navigate('policyDetail', { id: item.id })} />
        ))}
        <ListFooter list={list} empty={{ title: `暂无相关${LIST_TITLES[kind].replace('清单', '')}`, description: '换个行动分类看看' }} />
      </View>
    </View>
  );
}
