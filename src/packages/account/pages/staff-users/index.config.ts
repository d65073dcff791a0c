export default definePageConfig({ navigationBarTitleText: '用户与角色管理', enablePullDownRefresh: true });
