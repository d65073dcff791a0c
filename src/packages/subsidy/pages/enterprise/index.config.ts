export default definePageConfig({ navigationBarTitleText: '企业补贴申请', enablePullDownRefresh: true });
