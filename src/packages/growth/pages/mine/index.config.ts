export default definePageConfig({ navigationBarTitleText: '我的成长记录', enablePullDownRefresh: true });
