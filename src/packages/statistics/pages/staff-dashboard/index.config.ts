export default definePageConfig({ navigationBarTitleText: '工作目标看板', enablePullDownRefresh: true });
