import { Button, View } from '@tarojs/components';
import PrivacyPopup from '@/components/PrivacyPopup';
import { SUBSIDY_DOCUMENT_LABELS, type SubsidyApplicationView, type SubsidyDocumentKind } from '@contract/subsidy';

export interface DocumentUploadsProps {
  kinds: SubsidyDocumentKind[];
  app: SubsidyApplicationView | undefined;
  busy: boolean;
  onUpload: (kind: SubsidyDocumentKind) => void;
}

/**
 * The program's required documents, how many of each are uploaded, and an upload button each.
 * `disabled` is left out rather than false: React writes disabled="false" on the h5 element, which CSS reads as disabled.
 */
export default function DocumentUploads({ kinds, app, busy, onUpload }: DocumentUploadsProps) {
  return (
    <View className='subsidy-apply__docs'>
      {/* The upload buttons make the gated file pick: its popup lives with them. */}
      <PrivacyPopup />
      <View className='subsidy-apply__docs-title'>申请材料（PDF 或图片，每个不超过 5MB）</View>
      {kinds.map(kind => {
        const done = app?.documents.filter(d => d.kind === kind).length ?? 0;
        return (
          <View key={kind} className='subsidy-apply__doc'>
            <View>
              {SUBSIDY_DOCUMENT_LABELS[kind]}
              {done > 0 ? `（已上传${done}份）` : '（未上传）'}
            </View>
            <Button id={`subsidy-upload-${kind}`} size='mini' disabled={busy || undefined} onClick={() => onUpload(kind)}>
              上传
            </Button>
          </View>
        );
      })}
    </View>
  );
}
