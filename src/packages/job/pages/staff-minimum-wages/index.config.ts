export default definePageConfig({ navigationBarTitleText: '最低工资标准' });
