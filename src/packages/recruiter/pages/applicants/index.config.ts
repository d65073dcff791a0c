export default definePageConfig({ navigationBarTitleText: '投递者', enablePullDownRefresh: true });
