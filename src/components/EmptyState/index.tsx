import { Button, View } from '@tarojs/components';
import './index.scss';

export type EmptyStateKind = 'loading' | 'empty' | 'error';

export interface EmptyStateProps {
  kind?: EmptyStateKind;
  title: string;
  description?: string;
  actionText?: string;
  onAction?: () => void;
  /** Less vertical space, for a state inside a section rather than a whole page. */
  compact?: boolean;
}

const GLYPHS: Record<Exclude<EmptyStateKind, 'loading'>, string> = { empty: '∅', error: '!' };

/** The loading, empty and error states of a list or a page. */
export default function EmptyState({ kind = 'empty', title, description, actionText, onAction, compact }: EmptyStateProps) {
  return (
    <View className={`ll-empty ll-empty--${kind}${compact ? ' ll-empty--compact' : ''}`}>
      {kind === 'loading' ? (
        <View className='ll-empty__spinner' aria-hidden='true' />
      ) : (
        <View className='ll-empty__icon' aria-hidden='true'>
          {GLYPHS[kind]}
        </View>
      )}
      <View className='ll-empty__title'>{title}</View>
      {description && <View className='ll-empty__description'>{description}</View>}
      {actionText && onAction && (
        <Button className='ll-empty__action' size='mini' onClick={onAction}>
          {actionText}
        </Button>
      )}
    </View>
  );
}
