import fs from 'node:fs';
import path from 'node:path';

// WeChat loads a subpackage only when one of its pages opens: code outside src/packages (the main
// package) must not need one, and a subpackage must not need another (weapp forbids the require).
const SRC = path.resolve(__dirname, '../../src');
const PACKAGES = path.join(SRC, 'packages');

interface Import {
  file: string;
  target: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(tsx?|scss)$/.test(entry.name) ? [full] : [];
  });
}

/** Every import of a file inside src, resolved to an absolute path. */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*|@(?:use|import)\s+)['"]([^'"]+)['"]/g)].map(match => match[1]);
  return specifiers.flatMap(specifier => {
    if (specifier.startsWith('@/')) return [{ file, target: path.join(SRC, specifier.slice(2)) }];
    if (specifier.startsWith('.')) return [{ file, target: path.resolve(path.dirname(file), specifier) }];
    return [];
  });
}

/** The subpackage folder a path is in (`job` for src/packages/job/…), if any. */
function packageOf(file: string): string | undefined {
  const relative = path.relative(PACKAGES, file);
  return relative.startsWith('..') ? undefined : relative.split(path.sep)[0];
}

const show = ({ file, target }: Import) => `${path.relative(SRC, file)} → ${path.relative(SRC, target)}`;
const imports = sourceFiles(SRC).flatMap(importsOf);

describe('package boundaries', () => {
  it('should keep the main package free of imports from subpackages', () => {
    const crossing = imports.filter(i => !packageOf(i.file) && packageOf(i.target));
    expect(crossing.map(show)).toEqual([]);
  });

  it('should keep each subpackage free of imports from another subpackage', () => {
    const crossing = imports.filter(i => packageOf(i.file) && packageOf(i.target) && packageOf(i.file) !== packageOf(i.target));
    expect(crossing.map(show)).toEqual([]);
  });

  it('should find the imports it checks', () => {
    expect(imports.some(i => i.target.endsWith(path.join('hooks', 'usePagedList')))).toBe(true);
    expect(imports.some(i => packageOf(i.file) === 'live' && packageOf(i.target) === 'live')).toBe(true);
  });
});
