export default definePageConfig({ navigationBarTitleText: '填写企业补贴申请' });
