export default definePageConfig({ navigationBarTitleText: '图片与文件审核' });
