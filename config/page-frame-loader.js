// weapp build: wraps each page's default export in the shared page frame (src/components/PageFrame), which
// gives the page its `page-meta` (text scale). Every page exports `export default function Name(`; a page
// that does not is a build error here rather than a page silently left at the standard size.

const EXPORT = /^export default function (\w+)\(/m;

module.exports = function pageFrameLoader(source) {
  const match = EXPORT.exec(source);
  if (!match) {
    this.emitError(new Error(`page-frame-loader: ${this.resourcePath} has no \`export default function Name(\``));
    return source;
  }
  const name = match[1];
  return (
    `import { withPageFrame as __withPageFrame } from '@/components/PageFrame';\n` +
    source.replace(EXPORT, `function ${name}(`) +
    `\nexport default __withPageFrame(${name});\n`
  );
};
