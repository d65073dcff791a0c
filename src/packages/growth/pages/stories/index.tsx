import { Button, Video, View } from '@tarojs/components';
import { useState } from 'react';
import type { StoryView } from '@contract/growth';
import ListFooter from '@/components/ListFooter';
import { usePagedList } from '@/hooks/usePagedList';
import { useResumedAction } from '@/hooks/useResumedAction';
import { useSession } from '@/hooks/useSession';
import { apiFileUrl, likeStory, stories } from '@/services/api/growth';
import { requireLogin } from '@/services/login-gate';
import { navigate } from '@/services/navigation';
import { formatDate } from '@/utils/format';
import { act } from '../../act';
import '../../growth.scss';
import { pressable } from '@/utils/a11y';

function StoryCard({ story, signedIn }: { story: StoryView; signedIn: boolean }) {
  const [like, setLike] = useState({ liked: story.likedByMe, likes: story.likes });
  const toggle = async () => {
    if (!signedIn && !(await requireLogin('chat', `story:${story.id}`))) return;
    const next = await act(() => likeStory(story.id, !like.liked));
    if (next) setLike(next);
  };
  // Back from the login page that ♡ opened: a like is harmless to redo (it sets, never toggles), so it is made at once.
  useResumedAction('chat', `story:${story.id}`, () => {
    void act(() => likeStory(story.id, true)).then(next => next && setLike(next));
  });
  return (
    <View id={`story-${story.id}`} className='ll-card growth-card'>
      <View className='growth-card__title'>{story.title}</View>
      <View className='growth-card__meta'>
        {story.authorName}
        {story.schoolName ? ` · ${story.schoolName}` : ''} · {formatDate(story.publishedAt)}
      </View>
      {story.videoUrl && <Video className='growth-video' src={apiFileUrl(story.videoUrl)} controls objectFit='contain' />}
      <View className='growth-card__text'>{story.text}</View>
      <View className='growth-card__actions'>
        <View id={`story-like-${story.id}`} className={`growth-like ${like.liked ? 'growth-like--on' : ''}`} {...pressable(toggle, { role: 'checkbox', checked: like.liked, label: `点赞 ${like.likes}` })}>
          {like.liked ? '♥' : '♡'} {like.likes}
        </View>
      </View>
    </View>
  );
}

export default function StoriesPage() {
  const user = useSession();
  // Signing in or out changes which stories show as liked.
  const list = usePagedList(cursor => stories(cursor), user?.userId ?? '');

  return (
    <View className='ll-page'>
      <View className='growth-card__note'>在连就业的优秀毕业生，用短视频讲述在大连的成长收获和对这座城市的热爱。</View>
      {user?.roles.includes('student') && (
        <View className='growth-card__actions'>
          <Button id='story-new' className='growth-button' onClick={() => navigate('growthStoryNew', {})}>
            分享我的留连故事
          </Button>
        </View>
      )}
      {list.items.map(story => (
        <StoryCard key={story.id} story={story} signedIn={!!user} />
      ))}
      <ListFooter list={list} empty={{ title: '还没有已发布的故事', compact: true }} />
    </View>
  );
}
