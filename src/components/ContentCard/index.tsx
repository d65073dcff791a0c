import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { ContentSummary } from '@contract/policy';
import { ACTIONS, INSTITUTION_TYPE_LABELS } from '@contract/policy';
import { districtName, formatDate } from '@/utils/format';
import Tag from '../Tag';
import { pressable } from '@/utils/a11y';
import './index.scss';

const actionNames = new Map<number, string>(ACTIONS.map(a => [a.no, a.name]));

export interface ContentCardProps {
  item: ContentSummary;
  onClick: () => void;
  /** Replaces the plain summary, e.g. a search snippet with highlights. */
  summary?: ReactNode;
}

/** A policy, service or institution in a list. */
export default function ContentCard({ item, onClick, summary }: ContentCardProps) {
  const institution = item.institution;
  return (
    <View id={`content-${item.id}`} className='ll-content-card' {...pressable(onClick, { role: 'link' })}>
      <View className='ll-content-card__title'>{item.title}</View>
      <View className='ll-content-card__summary'>{summary ?? item.summary}</View>
      {institution && (
        <View className='ll-content-card__institution'>
          <View>{INSTITUTION_TYPE_LABELS[institution.type]}</View>
          <View>
            地址：{institution.district ? `${districtName(institution.district)} · ` : ''}
            {institution.address}
          </View>
          {(institution.contact || institution.phone) && <View>联系：{[institution.contact, institution.phone].filter(Boolean).join(' ')}</View>}
        </View>
      )}
      <View className='ll-content-card__tags'>
        {item.action && <Tag tone='primary'>{actionNames.get(item.action)}</Tag>}
        {item.tags.slice(0, 3).map(tag => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </View>
      <View className='ll-content-card__meta'>
        <View className='ll-content-card__issuer'>{item.issuer}</View>
        <View>{formatDate(item.publishedAt)}</View>
      </View>
    </View>
  );
}
