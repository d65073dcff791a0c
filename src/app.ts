import type { PropsWithChildren } from 'react';
import { useDidShow } from '@tarojs/taro';
import { markRead } from './services/api/inbox';
import { current } from './services/session';
import { applyTextSize } from './services/text-size';
import { installH5Accessibility } from './utils/h5-accessibility';
import './app.scss';

if (process.env.TARO_ENV === 'h5') {
  installH5Accessibility(document);
  applyTextSize();
}

function App({ children }: PropsWithChildren) {
  // A subscribe card opens its page with `n=<inbox item id>` (the notice catalogue adds it): whatever
  // the page, the notice it came from is read.
  useDidShow(options => {
    // Back from WeChat's settings the font size may have changed.
    applyTextSize();
    const n = options?.query?.n;
    if (typeof n === 'string' && /^[0-9a-f]{24}$/.test(n) && current()) markRead(n).catch(() => undefined);
  });
  // Taro renders the current page as `children`.
  return children;
}

export default App;
