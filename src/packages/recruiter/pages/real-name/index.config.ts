export default definePageConfig({ navigationBarTitleText: '招聘者实名认证' });
