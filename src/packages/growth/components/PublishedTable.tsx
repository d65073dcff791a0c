import { View } from '@tarojs/components';
import DataTable, { type DataColumn } from '@/components/DataTable';
import EmptyState from '@/components/EmptyState';
import type { RequestState } from '@/hooks/useRequest';
import { pressable } from '@/utils/a11y';

interface Published {
  id: string;
  status: string;
}

interface PublishedTableProps<T extends Published> {
  /** The card's title, e.g. `本单位发布的课程`. */
  title: string;
  /** Shown when nothing is published yet. */
  empty: string;
  /** Id prefix of the table's rows, e.g. `staff-course`. */
  idPrefix: string;
  columns: Array<DataColumn<T>>;
  list: RequestState<T[]>;
}

/** The card of courses or contests a unit published: loading, error, empty, then a table with cancelled rows muted. */
export default function PublishedTable<T extends Published>({ title, empty, idPrefix, columns, list }: PublishedTableProps<T>) {
  const rows = list.data ?? [];
  return (
    <View className='ll-card growth-card'>
      <View className='growth-card__title'>{title}</View>
      {list.status === 'loading' && <EmptyState compact kind='loading' title='正在加载…' />}
      {list.status === 'error' && <EmptyState compact kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />}
      {list.status === 'ready' && rows.length === 0 && <EmptyState compact title={empty} />}
      {rows.length > 0 && <DataTable idPrefix={idPrefix} columns={columns} rows={rows} rowKey={c => c.id} rowTone={c => (c.status === 'cancelled' ? 'muted' : undefined)} />}
    </View>
  );
}

interface PublishedActionsProps<K extends string> {
  /** Id prefix of the links, e.g. `staff-course`: `staff-course-edit-<id>`. */
  idPrefix: string;
  id: string;
  /** Whether 编辑 and the cancel link show (an open item the viewer may manage). */
  editable: boolean;
  /** The cancel link's text, e.g. `取消课程`. */
  cancelText: string;
  /** The third link, always shown: its panel (also its id part, `attendees`) and text (`报名名单`). */
  more: { key: K; text: string };
  onOpen: (panel: 'edit' | 'cancel' | K) => void;
}

/** A published item's links: 编辑 and cancel while it may be managed, and the list of who signed up. */
export function PublishedActions<K extends string>({ idPrefix, id, editable, cancelText, more, onOpen }: PublishedActionsProps<K>) {
  return (
    <View className='growth-staff-actions'>
      {editable && (
        <View id={`${idPrefix}-edit-${id}`} className='growth-card__link' {...pressable(() => onOpen('edit'))}>
          编辑
        </View>
      )}
      {editable && (
        <View id={`${idPrefix}-cancel-${id}`} className='growth-card__link growth-card__link--danger' {...pressable(() => onOpen('cancel'))}>
          {cancelText}
        </View>
      )}
      <View id={`${idPrefix}-${more.key}-${id}`} className='growth-card__link' {...pressable(() => onOpen(more.key))}>
        {more.text}
      </View>
    </View>
  );
}

/** The table's 操作 column: a row's `PublishedActions`. */
export function actionsColumn<T, K extends string>(actionsOf: (row: T) => PublishedActionsProps<K>): DataColumn<T> {
  return { key: 'actions', title: '操作', size: 'wide', render: row => <PublishedActions {...actionsOf(row)} /> };
}
