export default definePageConfig({
  navigationBarTitleText: '政策清单',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
