export default definePageConfig({ navigationBarTitleText: '政策搜索', onReachBottomDistance: 120 });
