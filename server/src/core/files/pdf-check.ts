import { EncryptedPDFError, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFObject } from 'pdf-lib';
import { constants, inflateSync } from 'zlib';
import { BizError } from '../errors';

/**
 * A PDF upload is read as a PDF, not judged by `%PDF-`: every compressed stream is inflated under a
 * byte cap (pdf-lib inflates object streams without one, so this runs first), pdf-lib then parses
 * the structure (catalog, pages), and a file that also reads as HTML or carries scripts, launch
 * actions or embedded files is refused. The bytes are stored as they came: rewriting the file would
 * break the signatures of signed certificates (学信网 and the like).
 */

/** Filters whose output is bounded by their input or that nothing here decodes (image codecs). */
const PASSIVE_FILTERS = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'CCITTFaxDecode', 'CCF', 'JBIG2Decode']);
const TEXT_FILTERS = new Set(['ASCIIHexDecode', 'AHx', 'ASCII85Decode', 'A85']);
const FLATE = new Set(['FlateDecode', 'Fl']);

/** Markup a browser or an old sniffer would take for a web page. */
const HTML_MARKUP = /<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta|link|style|img|a\s)[\s>/]/i;
/** Old content sniffers read this far into a file looking for HTML. */
const SNIFFED_PREFIX = 1024;

interface StreamSpan {
  dictStart: number;
  dataStart: number;
  dataEnd: number;
}

function invalid(message: string): BizError {
  return new BizError('UPLOAD_INVALID_PDF', message, 'file');
}

/** The stream bodies of a PDF, found by their keywords (a declared /Length may lie or be indirect). */
function streamSpans(text: string): StreamSpan[] {
  const spans: StreamSpan[] = [];
  const keyword = />>\s*stream(?:\r\n|\n|\r)/g;
  let from = 0;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    const dataStart = m.index + m[0].length;
    const end = text.indexOf('endstream', dataStart);
    const dataEnd = end < 0 ? text.length : end;
    const objStart = text.lastIndexOf(' obj', m.index);
    spans.push({ dictStart: Math.max(objStart, from), dataStart, dataEnd });
    from = dataEnd;
    keyword.lastIndex = dataEnd;
  }
  return spans;
}

/** The filter names of a stream dictionary, in decoding order. */
export function streamFilters(dict: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+|\d+\s+\d+\s+R)/.exec(dict);
  if (!m) return [];
  if (/R$/.test(m[1])) throw invalid('PDF 的压缩方式无法识别');
  return (m[1].match(/\/[A-Za-z0-9]+/g) ?? []).map(name => name.slice(1));
}

/**
 * Inflates every Flate stream under one budget for the whole file; throws UPLOAD_DECOMPRESSION_BOMB
 * past it. Filters whose output could grow without the cap seeing it (LZW, RunLength, Flate after
 * another filter) are refused: modern writers do not use them.
 */
export function checkPdfStreams(data: Buffer, maxInflatedBytes: number): { outside: string } {
  const text = data.toString('latin1');
  let budget = maxInflatedBytes;
  let outside = '';
  let at = 0;
  for (const span of streamSpans(text)) {
    outside += text.slice(at, span.dataStart);
    at = span.dataEnd;
    const filters = streamFilters(text.slice(span.dictStart, span.dataStart));
    const unsupported = filters.find((f, i) => !(PASSIVE_FILTERS.has(f) || TEXT_FILTERS.has(f) || (FLATE.has(f) && i === 0)));
    if (unsupported) throw invalid(`PDF 使用了不支持的压缩方式（${unsupported.slice(0, 20)}），请另存为标准 PDF 后上传`);
    if (!FLATE.has(filters[0] ?? '')) continue;
    let inflated: Buffer;
    try {
      // SYNC_FLUSH: a truncated stream yields what it has instead of an error, as viewers read it.
      inflated = inflateSync(data.subarray(span.dataStart, span.dataEnd), { maxOutputLength: budget + 1, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        throw new BizError('UPLOAD_DECOMPRESSION_BOMB', undefined, 'file');
      }
      // A damaged stream stops where zlib stops; it cannot grow past what was read.
      continue;
    }
    budget -= inflated.length;
    if (budget < 0) throw new BizError('UPLOAD_DECOMPRESSION_BOMB', undefined, 'file');
  }
  outside += text.slice(at);
  return { outside };
}

const ACTIVE_KEYS = ['JS', 'JavaScript', 'EmbeddedFiles', 'EmbeddedFile'].map(k => PDFName.of(k));
const ACTIVE_ACTIONS = ['JavaScript', 'Launch', 'ImportData', 'RichMediaExecute'].map(k => PDFName.of(k));

function isActive(object: PDFObject): boolean {
  const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
  if (!dict) return false;
  if (ACTIVE_KEYS.some(k => dict.has(k))) return true;
  const action = dict.get(PDFName.of('S'));
  if (action instanceof PDFName && ACTIVE_ACTIONS.includes(action)) return true;
  const type = dict.get(PDFName.of('Type'));
  return type instanceof PDFName && type === PDFName.of('Filespec') && dict.has(PDFName.of('EF'));
}

/** The whole check; resolves when the file is a PDF worth storing. */
export async function checkPdf(data: Buffer, maxInflatedBytes: number): Promise<void> {
  if (!/^%PDF-\d\.\d/.test(data.subarray(0, 8).toString('latin1'))) throw invalid('文件不是有效的 PDF');
  const { outside } = checkPdfStreams(data, maxInflatedBytes);
  if (HTML_MARKUP.test(data.subarray(0, SNIFFED_PREFIX).toString('latin1')) || HTML_MARKUP.test(outside)) {
    throw invalid('PDF 中夹带了网页代码，已拒绝');
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(data, { updateMetadata: false });
  } catch (err) {
    if (err instanceof EncryptedPDFError) throw invalid('PDF 已加密，请上传未加密的文件');
    throw invalid('文件不是有效的 PDF');
  }
  let pages = 0;
  try {
    pages = doc.getPageCount();
  } catch {
    pages = 0;
  }
  if (pages < 1) throw invalid('PDF 中没有页面');
  // Every object and the dictionaries written inside it (an /OpenAction or a link's /A is often direct).
  const active = (object: PDFObject, depth: number): boolean => {
    if (depth > 32 || isActive(object)) return true;
    const dict = object instanceof PDFRawStream ? object.dict : object;
    if (dict instanceof PDFDict) return [...dict.values()].some(v => active(v, depth + 1));
    if (dict instanceof PDFArray) return dict.asArray().some(v => active(v, depth + 1));
    return false;
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (active(object, 0)) throw invalid('PDF 含有脚本、启动动作或内嵌文件，请另存为普通 PDF 后上传');
  }
}
