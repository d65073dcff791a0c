export default definePageConfig({ navigationBarTitleText: '直播审核' });
