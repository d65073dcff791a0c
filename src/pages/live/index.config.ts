export default definePageConfig({
  navigationBarTitleText: '直播带岗',
  enablePullDownRefresh: true,
});
