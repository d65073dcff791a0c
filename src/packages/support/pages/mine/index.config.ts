export default definePageConfig({ navigationBarTitleText: '就业帮扶' });
