import { subscribeResults } from './subscribe';
import { recordSubscribeResults, requestSubscribe } from './api/subscription';

/**
 * Runs a user action and, in weapp, asks for the subscribe message of the notices it leads to in the
 * same tap. WeChat shows the popup only when it is called straight from the tap, so it starts
 * before any request and before any await. A refused or failed popup never undoes the action (the
 * inbox still gets the notices); an accepted one is recorded even when the action fails.
 */
export async function withSubscribe<T>(templateId: string | undefined, run: () => Promise<T>): Promise<T> {
  const popup =
    process.env.TARO_ENV === 'weapp' && templateId
      ? requestSubscribe([templateId]).then(
          answer => answer,
          () => undefined,
        )
      : Promise.resolve(undefined);
  try {
    return await run();
  } finally {
    const answer = await popup;
    if (answer && templateId) {
      const results = subscribeResults(answer, [templateId]);
      if (Object.keys(results).length > 0) await recordSubscribeResults(results).catch(() => undefined);
    }
  }
}
