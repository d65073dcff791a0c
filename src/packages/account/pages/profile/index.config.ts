export default definePageConfig({
  navigationBarTitleText: '完善个人资料',
});
