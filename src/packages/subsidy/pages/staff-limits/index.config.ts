export default definePageConfig({ navigationBarTitleText: '办理时限与发放日程' });
