import postcss, { type AcceptedPlugin } from 'postcss';

// The build step that makes every font size follow --ll-text-scale (config/postcss-text-scale.js).
const textScale = require('../../../config/postcss-text-scale.js') as () => AcceptedPlugin;

async function run(css: string): Promise<string> {
  return (await postcss([textScale()]).process(css, { from: undefined })).css;
}

describe('postcss-text-scale', () => {
  it('should multiply absolute font sizes by the text scale, whatever unit pxtransform left', async () => {
    expect(await run('.a{font-size:0.7rem}.b{font-size:28rpx}.c{font-size:17PX}')).toBe(
      '.a{font-size:calc(0.7rem * var(--ll-text-scale, 1))}.b{font-size:calc(28rpx * var(--ll-text-scale, 1))}.c{font-size:calc(17PX * var(--ll-text-scale, 1))}',
    );
  });

  it('should leave relative and keyword sizes alone (they already follow their parent)', async () => {
    expect(await run('.a{font-size:inherit;line-height:1.5}.b{font-size:1.2em}.c{font-size:120%}')).toBe('.a{font-size:inherit;line-height:1.5}.b{font-size:1.2em}.c{font-size:120%}');
  });

  it('should grow a one-line box centred by its line height, and keep a square glyph square', async () => {
    expect(await run('.a{width:88rpx;height:88rpx;line-height:88rpx;padding:8rpx}')).toBe(
      '.a{width:calc(88rpx * var(--ll-text-scale, 1));height:calc(88rpx * var(--ll-text-scale, 1));line-height:calc(88rpx * var(--ll-text-scale, 1));padding:8rpx}',
    );
  });

  it('should not touch a height that is not the line height', async () => {
    expect(await run('.a{height:200rpx;line-height:40rpx}')).toBe('.a{height:200rpx;line-height:calc(40rpx * var(--ll-text-scale, 1))}');
  });
});
