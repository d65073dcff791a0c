export default definePageConfig({ navigationBarTitleText: '补贴发放批次' });
