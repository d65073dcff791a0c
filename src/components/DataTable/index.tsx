import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { pressable } from '@/utils/a11y';
import './index.scss';

export interface DataColumn<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  /** Relative width on a desktop browser. */
  size?: 'narrow' | 'normal' | 'wide';
}

export type RowTone = 'danger' | 'warning' | 'muted';

export interface DataTableProps<T> {
  /** Row ids are `<idPrefix>-<key>`, checkboxes `<idPrefix>-check-<key>`. */
  idPrefix: string;
  columns: ReadonlyArray<DataColumn<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  onRowClick?: (row: T) => void;
  rowTone?: (row: T) => RowTone | undefined;
  /** With these two, each row gets a checkbox for bulk actions. */
  selected?: ReadonlySet<string>;
  onToggle?: (key: string) => void;
  onToggleAll?: () => void;
}

/** A table on a desktop browser, rows of cards on a phone: the same markup, CSS decides. */
export default function DataTable<T>({ idPrefix, columns, rows, rowKey, onRowClick, rowTone, selected, onToggle, onToggleAll }: DataTableProps<T>) {
  const selectable = Boolean(selected && onToggle);
  const allChecked = selectable && rows.length > 0 && rows.every(r => selected?.has(rowKey(r)));
  return (
    <View className='ll-table'>
      <View className='ll-table__row ll-table__row--head'>
        {selectable && (
          <View
            id={`${idPrefix}-check-all`}
            className={`ll-table__check${allChecked ? ' ll-table__check--on' : ''}`}
            {...pressable(() => onToggleAll?.(), { role: 'checkbox', checked: allChecked, label: '全选' })}
          >
            {allChecked ? '✓' : ''}
          </View>
        )}
        {columns.map(c => (
          <View key={c.key} className={`ll-table__cell ll-table__cell--${c.size ?? 'normal'}`}>
            {c.title}
          </View>
        ))}
      </View>
      {rows.map(row => {
        const key = rowKey(row);
        const tone = rowTone?.(row);
        const checked = selected?.has(key) ?? false;
        return (
          <View
            key={key}
            id={`${idPrefix}-${key}`}
            className={`ll-table__row${tone ? ` ll-table__row--${tone}` : ''}${onRowClick ? ' ll-table__row--link' : ''}`}
            // A row holding a checkbox stays a plain tap target: a control inside a control is announced wrongly.
            {...(onRowClick ? (selectable ? { onClick: () => onRowClick(row) } : pressable(() => onRowClick(row), { role: 'link' })) : {})}
          >
            {selectable && (
              <View
                id={`${idPrefix}-check-${key}`}
                className={`ll-table__check${checked ? ' ll-table__check--on' : ''}`}
                {...pressable(() => onToggle?.(key), { role: 'checkbox', checked, label: '选择此行', stopPropagation: true })}
              >
                {checked ? '✓' : ''}
              </View>
            )}
            {columns.map(c => (
              <View key={c.key} className={`ll-table__cell ll-table__cell--${c.size ?? 'normal'}`}>
                <View className='ll-table__label'>{c.title}</View>
                {c.render(row)}
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}
