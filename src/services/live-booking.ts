import type { LiveSessionDetail } from '@contract/live';
import { subscribeResults } from './subscribe';
import { bookLive } from './api/live';
import { recordSubscribeResults, requestSubscribe } from './api/subscription';

/**
 * Books a session and, in weapp, asks for the start-notice subscription in the same tap: WeChat shows
 * the popup only when it is called straight from the tap, so it starts before any request. A refused
 * or failed popup does not undo the booking (the student still gets the inbox item).
 */
export async function bookWithNotice(sessionId: string, templateId: string | undefined): Promise<LiveSessionDetail> {
  const popup =
    process.env.TARO_ENV === 'weapp' && templateId
      ? requestSubscribe([templateId]).then(
          answer => answer,
          () => undefined,
        )
      : Promise.resolve(undefined);
  const detail = await bookLive(sessionId);
  const answer = await popup;
  if (answer && templateId) {
    const results = subscribeResults(answer, [templateId]);
    if (Object.keys(results).length > 0) await recordSubscribeResults(results).catch(() => undefined);
  }
  return detail;
}
