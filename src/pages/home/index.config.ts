export default definePageConfig({
  navigationBarTitleText: '留连来连',
});
