export default definePageConfig({ navigationBarTitleText: '每周摘要' });
