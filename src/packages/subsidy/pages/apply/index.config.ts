export default definePageConfig({ navigationBarTitleText: '填写补贴申请' });
