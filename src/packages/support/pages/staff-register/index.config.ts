export default definePageConfig({ navigationBarTitleText: '登记离校未就业' });
