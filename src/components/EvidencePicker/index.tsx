import type { Dispatch, SetStateAction } from 'react';
import { Button, View } from '@tarojs/components';
import { COMPLAINT_EVIDENCE_MAX_FILES } from '@contract/complaint';
import { pickFile, pickImage } from '@/services/files';
import { pressable } from '@/utils/a11y';
import './index.scss';

export interface PickedEvidence {
  path: string;
  name: string;
}

interface Props {
  /** `complaint` → #complaint-add-image, #complaint-add-pdf. */
  idPrefix: string;
  files: PickedEvidence[];
  setFiles: Dispatch<SetStateAction<PickedEvidence[]>>;
  max?: number;
}

/** The evidence a complaint or a 公示异议 carries: the files picked so far, each removable, and 添加图片 / 添加PDF. */
export default function EvidencePicker({ idPrefix, files, setFiles, max = COMPLAINT_EVIDENCE_MAX_FILES }: Props) {
  const add = async (kind: 'image' | 'pdf') => {
    if (files.length >= max) return;
    const picked = kind === 'image' ? await pickImage() : await pickFile(['pdf']);
    if (picked) setFiles(list => [...list, picked].slice(0, max));
  };
  return (
    <View className='ll-evidence'>
      {files.map((f, i) => (
        <View key={`${f.path}-${i}`} className='ll-evidence__file'>
          <View className='ll-evidence__name'>{f.name}</View>
          <View className='ll-evidence__remove' {...pressable(() => setFiles(list => list.filter((_, j) => j !== i)), { label: `移除${f.name}` })}>
            移除
          </View>
        </View>
      ))}
      {files.length < max && (
        <View className='ll-evidence__add'>
          <Button id={`${idPrefix}-add-image`} size='mini' onClick={() => void add('image')}>
            添加图片
          </Button>
          <Button id={`${idPrefix}-add-pdf`} size='mini' onClick={() => void add('pdf')}>
            添加PDF
          </Button>
        </View>
      )}
    </View>
  );
}
