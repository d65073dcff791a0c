export default definePageConfig({ navigationBarTitleText: '离校未就业帮扶', enablePullDownRefresh: true });
