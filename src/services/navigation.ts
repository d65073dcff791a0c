import Taro from '@tarojs/taro';
import { ROUTES, ROUTE_NAMES, toUrl, type PageName, type PageParams, type RouteName, type TabName } from '@/constants/routes';
import type { QueryValue } from '@/utils/query';

type ParamArgs<N extends PageName> = PageParams[N] extends void ? [] : [params: PageParams[N]];

function urlOf<N extends PageName>(name: N, params: ParamArgs<N>): string {
  return toUrl(name, params[0] as Record<string, QueryValue> | undefined);
}

export async function navigate<N extends PageName>(name: N, ...params: ParamArgs<N>): Promise<void> {
  await Taro.navigateTo({ url: urlOf(name, params) });
}

export async function redirect<N extends PageName>(name: N, ...params: ParamArgs<N>): Promise<void> {
  await Taro.redirectTo({ url: urlOf(name, params) });
}

export async function switchTab(name: TabName): Promise<void> {
  await Taro.switchTab({ url: toUrl(name) });
}

/** Back to the previous page, or to a tab when this page was opened directly (share card, reload). */
export async function back(fallback: TabName): Promise<void> {
  if (Taro.getCurrentPages().length > 1) {
    await Taro.navigateBack();
  } else {
    await switchTab(fallback);
  }
}

/** The route of the page on top of the stack, if it is one of ours. */
export function currentRoute(): RouteName | undefined {
  const pages = Taro.getCurrentPages();
  const top = pages[pages.length - 1]?.route?.replace(/^\//, '');
  return ROUTE_NAMES.find(name => ROUTES[name] === top);
}
