export default definePageConfig({ navigationBarTitleText: '成长服务管理' });
