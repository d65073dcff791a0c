export default definePageConfig({ navigationBarTitleText: '毕业生实名库', enablePullDownRefresh: true });
