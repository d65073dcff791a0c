import type { PropsWithChildren } from 'react';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // Taro renders the current page as `children`.
  return children;
}

export default App;
