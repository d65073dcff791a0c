export default definePageConfig({ navigationBarTitleText: '本企业的补贴申请', enablePullDownRefresh: true });
