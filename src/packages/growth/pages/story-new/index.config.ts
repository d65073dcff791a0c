export default definePageConfig({ navigationBarTitleText: '分享我的留连故事' });
