import { ROUTES, mainPackagePages, subPackages } from './constants/routes';

const tab = (pagePath: string, text: string, icon: string) => ({
  pagePath,
  text,
  iconPath: `assets/tabbar/${icon}.png`,
  selectedIconPath: `assets/tabbar/${icon}-active.png`,
});

export default defineAppConfig({
  pages: mainPackagePages(),
  subPackages: subPackages(),
  // Fetch a tab's likely next subpackage while the user is still reading the tab.
  preloadRule: {
    [ROUTES.home]: { network: 'all', packages: ['policy', 'job'] },
    [ROUTES.jobs]: { network: 'all', packages: ['job'] },
    [ROUTES.mine]: { network: 'all', packages: ['account'] },
  },
  // h5 only. The router hides the page left behind when its 300 ms transition ends, even if the
  // user came back to it first (a quick back), leaving an empty screen; pages switch at once instead.
  animation: false,
  window: {
    // 'default' also turns on Taro's h5 title bar (title, back and home buttons), which weapp draws itself.
    navigationStyle: 'default',
    navigationBarBackgroundColor: '#1660d6',
    navigationBarTitleText: '留连来连',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6fa',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#6a6f78',
    selectedColor: '#1660d6',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      tab(ROUTES.home, '首页', 'home'),
      tab(ROUTES.jobs, '岗位', 'jobs'),
      tab(ROUTES.live, '直播', 'live'),
      tab(ROUTES.mine, '我的', 'mine'),
    ],
  },
  lazyCodeLoading: 'requiredComponents',
});
