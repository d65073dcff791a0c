export default definePageConfig({ navigationBarTitleText: '创新创业大赛' });
