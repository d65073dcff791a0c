import { useEffect, useState } from 'react';
import { Button, RichText, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { ACTIONS, CONTENT_KIND_LABELS, INSTITUTION_TYPE_LABELS, type ContentDetail, type InstitutionInfo } from '@contract/policy';
import EmptyState from '@/components/EmptyState';
import SubsidyOffer from '../../components/SubsidyOffer';
import Tag from '@/components/Tag';
import { toUrl } from '@/constants/routes';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { getContent, myFavourites, resolveScene, setFavourite } from '@/services/api/content';
import { markRead } from '@/services/api/inbox';
import { errorMessage } from '@/utils/errors';
import { attachmentHref, attachmentLabel, openAttachment } from '../../attachments';
import { districtName, formatDate } from '@/utils/format';
import { gated } from '@/services/privacy';
import PrivacyPopup from '@/components/PrivacyPopup';
import { pressable } from '@/utils/a11y';
import './index.scss';

/** WeChat's built-in map; in a browser, the AMap marker page (openLocation needs the WeChat JS-SDK there). */
async function openMap(title: string, info: InstitutionInfo): Promise<void> {
  const location = info.location;
  if (!location) return;
  if (process.env.TARO_ENV === 'h5') {
    const url = `https://uri.amap.com/marker?position=${location.lng},${location.lat}&name=${encodeURIComponent(title)}&coordinate=gaode&callnative=0`;
    window.open(url, '_blank');
    return;
  }
  try {
    await Taro.openLocation({ latitude: location.lat, longitude: location.lng, name: title, address: info.address, scale: 16 });
  } catch {
    if (await gated('clipboard', () => Taro.setClipboardData({ data: info.address }))) {
      Taro.showToast({ title: '无法打开地图，地址已复制', icon: 'none' });
    }
  }
}

function FavouriteButton({ id }: { id: string }) {
  const user = useSession();
  const isStudent = user?.roles.includes('student') ?? false;
  const [favourite, setState] = useState<boolean>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!isStudent) return;
    myFavourites()
      .then(list => setState(list.some(item => item.id === id)))
      .catch(() => setState(false));
  }, [id, isStudent]);

  if (!isStudent || favourite === undefined) return null;
  const toggle = async () => {
    setBusy(true);
    try {
      const res = await setFavourite(id, !favourite);
      setState(res.favourite);
      Taro.showToast({ title: res.favourite ? '已收藏' : '已取消收藏', icon: 'none' });
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button id='content-favourite' className={`content-detail__action${favourite ? ' content-detail__action--on' : ''}`} disabled={busy} onClick={toggle}>
      {favourite ? '★ 已收藏' : '☆ 收藏'}
    </Button>
  );
}

function Dates({ item }: { item: ContentDetail }) {
  const rows: Array<[string, string | undefined]> = [
    ['发布日期', item.publishedAt],
    ['生效日期', item.effectiveFrom],
    ['截止日期', item.expiresAt],
  ];
  const shown = rows.filter(([, value]) => value);
  if (shown.length === 0) return null;
  return (
    <View className='content-detail__dates'>
      {shown.map(([label, value]) => (
        <View key={label}>
          {label}：{formatDate(value)}
        </View>
      ))}
    </View>
  );
}

function Detail({ item }: { item: ContentDetail }) {
  const action = ACTIONS.find(a => a.no === item.action);
  const institution = item.institution;
  return (
    <View className='ll-page content-detail'>
      <PrivacyPopup />
      <View className='ll-card'>
        <View className='content-detail__tags'>
          <Tag tone='primary'>{CONTENT_KIND_LABELS[item.kind]}</Tag>
          {action && <Tag tone='success'>{action.name}</Tag>}
          {item.district && <Tag>{districtName(item.district)}</Tag>}
        </View>
        <View id='content-title' className='content-detail__title'>
          {item.title}
        </View>
        <View className='content-detail__issuer'>发布单位：{item.issuer}</View>
        <Dates item={item} />
        {item.tags.length > 0 && (
          <View className='content-detail__tags content-detail__tags--bottom'>
            {item.tags.map(tag => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </View>
        )}
      </View>

      {institution && (
        <View className='ll-card content-detail__institution'>
          <View className='content-detail__heading'>机构信息</View>
          <View>类型：{INSTITUTION_TYPE_LABELS[institution.type]}</View>
          <View>地址：{institution.address}</View>
          {institution.contact && <View>联系人：{institution.contact}</View>}
          {institution.district && <View>所在区域：{districtName(institution.district)}</View>}
          {institution.location && (
            <View id='content-open-map' className='content-detail__phone' {...pressable(() => void openMap(item.title, institution), { role: 'link' })}>
              查看地图 ›
            </View>
          )}
          {institution.phone && (
            <View className='content-detail__phone' {...pressable(() => Taro.makePhoneCall({ phoneNumber: institution.phone }))}>
              电话：{institution.phone}
            </View>
          )}
        </View>
      )}

      {item.kind === 'policy' && <SubsidyOffer policyId={item.id} />}

      <View className='ll-card'>
        <View className='content-detail__heading'>正文</View>
        <RichText className='content-detail__body' nodes={item.body} />
      </View>

      <View className='content-detail__actions'>
        <FavouriteButton id={item.id} />
        {process.env.TARO_ENV === 'weapp' && (
          <Button className='content-detail__action' openType='share'>
            分享
          </Button>
        )}
      </View>

      {item.attachments.length > 0 && (
        <View className='ll-card'>
          <View className='content-detail__heading'>附件</View>
          {item.attachments.map((file, i) => (
            <View
              key={file.fileId ?? file.url}
              id={`content-attachment-${i}`}
              className='content-detail__attachment'
              data-href={attachmentHref(file)}
              {...pressable(() => void openAttachment(file))}
            >
              <View className='content-detail__attachment-name'>{file.name}</View>
              <View className='content-detail__attachment-meta'>{attachmentLabel(file)} ›</View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default function PolicyDetail() {
  const { params } = useRouter();
  // Opened by id, or by a scanned mini-program code whose `scene` names the entry.
  const scene = params.scene ? decodeURIComponent(params.scene) : '';
  const content = useRequest(async () => getContent(params.id ?? (await resolveScene(scene)).id), params.id ?? scene);
  const user = useSession();
  const signedIn = !!user;
  // A WeChat notice card carries its inbox item (`n`): opening the card reads the item.
  useEffect(() => {
    if (params.n && signedIn) markRead(params.n).catch(() => undefined);
  }, [params.n, signedIn]);
  useShareAppMessage(() => ({
    title: content.data?.title ?? '留连来连 · 政策',
    path: toUrl('policyDetail', { id: content.data?.id ?? params.id ?? '' }),
  }));

  if (content.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (content.status === 'error' || !content.data) {
    return <EmptyState kind='error' title='内容加载失败' description={content.error} actionText='重试' onAction={content.reload} />;
  }
  return <Detail item={content.data} />;
}
