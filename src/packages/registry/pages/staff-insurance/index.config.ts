export default definePageConfig({ navigationBarTitleText: '社保参保记录导入' });
