import { PageMeta } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useState, type ComponentType } from 'react';
import { currentTextScale, onTextScale } from '@/services/text-size';
import { pageMetaOf } from '@/utils/text-scale';

/**
 * weapp: the text size on every page. WeChat has no <html> to set the scale on (h5 does, services/text-size.ts):
 * each page's `page-meta` sets the root font size and the scale variables on the page, from WeChat's font-size
 * setting and 大字模式. The weapp build wraps every page's default export in this (config/page-frame-loader.js),
 * so pages need not each carry it.
 */
export function withPageFrame<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  function Framed(props: P) {
    const [scale, setScale] = useState(currentTextScale);
    useEffect(() => onTextScale(setScale), []);
    // Back from WeChat's settings (or a page where 大字模式 was switched) the size may have changed.
    useDidShow(() => setScale(currentTextScale()));
    const meta = pageMetaOf(scale);
    return (
      <>
        <PageMeta rootFontSize={meta.rootFontSize} pageStyle={meta.pageStyle} />
        <Page {...props} />
      </>
    );
  }
  Framed.displayName = `PageFrame(${Page.displayName ?? Page.name ?? 'Page'})`;
  return Framed;
}
