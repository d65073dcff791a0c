import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { STORY_VIDEO_MAX_BYTES } from '@contract/growth';
import FormField from '@/components/FormField';
import { createStory, myStories, pickFile, uploadStoryVideo } from '@/services/api/growth';
import { redirect } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { useGrowthNotice } from '../../notice';
import { gated } from '@/services/privacy';
import PrivacyPopup from '@/components/PrivacyPopup';
import '../../growth.scss';

interface Picked {
  path: string;
  name: string;
  size?: number;
}

/** weapp: album or camera (≤ 60 s); h5: an .mp4 file from the disk. */
async function pickVideo(): Promise<Picked | undefined> {
  if (process.env.TARO_ENV === 'h5') return pickFile(['mp4']);
  return gated('photos', () => Taro.chooseMedia({ count: 1, mediaType: ['video'], maxDuration: 60 })).then(res =>
    res ? { path: res.tempFiles[0].tempFilePath, name: 'story.mp4', size: res.tempFiles[0].size } : undefined,
  );
}

export default function StoryNewPage() {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [video, setVideo] = useState<Picked>();
  // A draft whose video upload failed is reused on the next try, not created again.
  const [draftId, setDraftId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const resume = useRouter().params.id ?? '';
  const withNotice = useGrowthNotice();

  // Opened from 我的成长记录 for a draft whose video never arrived: finish that draft.
  useEffect(() => {
    if (!resume) return;
    void myStories()
      .then(list => {
        const draft = list.find(s => s.id === resume && s.status === 'draft');
        if (!draft) return;
        setTitle(draft.title);
        setText(draft.text);
        setDraftId(draft.id);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [resume]);

  const problem =
    title.trim().length < 2 ? '标题至少 2 个字' : text.trim().length < 10 ? '故事内容至少 10 个字' : !video ? '请选择一段 MP4 短视频' : '';

  const choose = async () => {
    const picked = await pickVideo();
    if (!picked) return;
    if (picked.size && picked.size > STORY_VIDEO_MAX_BYTES) {
      setError('视频不能超过 30MB，请剪短后再上传');
      return;
    }
    setError('');
    setVideo(picked);
  };

  const submit = async () => {
    if (!video) return;
    setBusy(true);
    setError('');
    try {
      // The moderation result is the notice this tap subscribes to.
      await withNotice(async () => {
        const id = draftId || (await createStory({ title: title.trim(), text: text.trim() })).id;
        setDraftId(id);
        await uploadStoryVideo(id, video.path, video.name);
      });
      await Taro.showToast({ title: '已提交审核', icon: 'success' });
      await redirect('growthMine');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='ll-page'>
      <PrivacyPopup />
      <View className='growth-card__note'>讲讲你在大连的成长收获、工作和生活。市人社局审核通过后公开展示。</View>
      <FormField label='标题' required>
        <Input id='story-title' className='growth-input' maxlength={30} disabled={!!draftId} value={title} onInput={e => setTitle(e.detail.value)} />
      </FormField>
      <FormField label='故事' required>
        <Textarea id='story-text' className='growth-textarea' maxlength={500} disabled={!!draftId} value={text} onInput={e => setText(e.detail.value)} />
      </FormField>
      <FormField label='短视频' required hint='MP4 格式，30MB 以内'>
        <Button id='story-video' className='growth-button growth-button--ghost' onClick={choose}>
          {video ? '已选择视频，点击更换' : '选择视频'}
        </Button>
      </FormField>
      {(error || problem) && <View className='growth-error'>{error || problem}</View>}
      <View className='growth-card__actions'>
        <Button id='story-submit' className='growth-button' disabled={busy || !!problem} onClick={submit}>
          {busy ? '正在上传…' : '提交审核'}
        </Button>
      </View>
    </View>
  );
}
