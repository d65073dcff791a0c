export default definePageConfig({ navigationBarTitleText: '企业反馈时效', enablePullDownRefresh: true });
