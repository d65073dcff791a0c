export default definePageConfig({ navigationBarTitleText: '异常名录', enablePullDownRefresh: true });
