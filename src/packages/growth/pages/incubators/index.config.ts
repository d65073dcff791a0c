export default definePageConfig({ navigationBarTitleText: '孵化器与众创空间' });
