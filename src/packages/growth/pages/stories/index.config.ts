export default definePageConfig({ navigationBarTitleText: '留连故事', enablePullDownRefresh: true });
