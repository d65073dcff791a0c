export default definePageConfig({ navigationBarTitleText: '维权电话' });
