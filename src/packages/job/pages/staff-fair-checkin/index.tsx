import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { FairCheckInResult } from '@contract/job';
import { DEGREE_LABELS } from '@contract/reference';
import { checkIn } from '@/services/api/fair';
import { errorMessage } from '@/utils/errors';
import { formatDateTime } from '@/utils/format';
import { gated } from '@/services/privacy';
import PrivacyPopup from '@/components/PrivacyPopup';
import '../../job-review.scss';

interface Outcome {
  ok: boolean;
  text: string;
}

/** The organiser's scanner: the camera in the mini-program; in a browser the code is pasted. */
export default function FairCheckInPage() {
  const fairId = useRouter().params.id ?? '';
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  const submit = async (token: string) => {
    if (!token.trim()) return;
    setBusy(true);
    try {
      const done: FairCheckInResult = await checkIn(fairId, token.trim());
      const who = [done.student.name, done.student.schoolName, done.student.degree ? DEGREE_LABELS[done.student.degree] : '', done.student.major].filter(Boolean).join(' · ');
      setOutcomes(o => [{ ok: true, text: `签到成功：${who}（${formatDateTime(done.checkedInAt)}）` }, ...o].slice(0, 20));
      setCode('');
      if (process.env.TARO_ENV === 'weapp') void Taro.vibrateShort({ type: 'light' }).catch(() => undefined);
    } catch (err) {
      setOutcomes(o => [{ ok: false, text: errorMessage(err) }, ...o].slice(0, 20));
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    // Closing the scanner, or refusing the camera (explained by gated), leaves nothing to submit.
    const res = await gated('camera', () => Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }));
    if (res) await submit(res.result);
  };

  return (
    <View className='ll-page'>
      <PrivacyPopup />
      <View className='ll-card'>
        <View className='sr-title'>扫码签到</View>
        <View className='sr-sub'>学生在“我的招聘会”出示签到码；每个码仅可使用一次，10分钟内有效。</View>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button id='checkin-scan' className='ll-button sr-input' disabled={busy} onClick={() => void scan()}>
            扫描签到码
          </Button>
        ) : (
          <View>
            <Input id='checkin-code' className='ll-input sr-input' placeholder='用扫码枪扫描或粘贴签到码' value={code} onInput={e => setCode(e.detail.value)} onConfirm={() => void submit(code)} />
            <Button id='checkin-submit' className='ll-button sr-input' loading={busy} disabled={busy} onClick={() => void submit(code)}>
              签到
            </Button>
          </View>
        )}
      </View>
      {outcomes.map((o, i) => (
        <View key={`${i}-${o.text}`} className={`ll-card ${o.ok ? 'sr-ok' : 'sr-error'}`}>
          {o.text}
        </View>
      ))}
    </View>
  );
}
