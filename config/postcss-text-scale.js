// Text follows the user's size (WeChat's font-size setting or 大字模式, src/utils/text-scale.ts): every absolute
// font size becomes `calc(size * var(--ll-text-scale, 1))`, so spacing and widths stay while text grows and
// wraps. A line height given as a length grows with it, and so do a height equal to it (a one-line box centred
// by line-height, or the text would spill out of it) and a width equal to it (a square glyph or avatar stays
// square). Runs after pxtransform (rpx / rem / px).

const ABSOLUTE = /^-?\d*\.?\d+(rpx|rem|px|PX|Px)$/;
const SCALE = 'var(--ll-text-scale, 1)';

function scaled(value) {
  return `calc(${value} * ${SCALE})`;
}

function isAbsoluteLength(value) {
  return ABSOLUTE.test(value.trim());
}

module.exports = () => ({
  postcssPlugin: 'postcss-text-scale',
  Rule(rule) {
    let lineHeight;
    rule.each(node => {
      if (node.type !== 'decl') return;
      if (node.prop === 'font-size' && isAbsoluteLength(node.value)) node.value = scaled(node.value.trim());
      if (node.prop === 'line-height' && isAbsoluteLength(node.value)) {
        lineHeight = node.value.trim();
        node.value = scaled(lineHeight);
      }
    });
    if (!lineHeight) return;
    rule.each(node => {
      if (node.type === 'decl' && (node.prop === 'height' || node.prop === 'width') && node.value.trim() === lineHeight) node.value = scaled(lineHeight);
    });
  },
});
module.exports.postcss = true;
