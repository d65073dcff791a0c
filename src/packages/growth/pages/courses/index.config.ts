export default definePageConfig({ navigationBarTitleText: '课程与培训', enablePullDownRefresh: true });
