export default definePageConfig({ navigationBarTitleText: '创建直播' });
