import sharp from 'sharp';
import { BizError } from '../errors';

/**
 * An uploaded PNG or JPEG is decoded and encoded afresh by libvips (sharp), so only pixels are
 * stored: whatever trailed the image (HTML, a zip) is gone, and so is its metadata (EXIF with GPS
 * position and camera serial, XMP, comments). The EXIF orientation is applied to the pixels first,
 * since the tag that carried it is dropped. The pixel count is bounded before decoding.
 */
export async function reencodeImage(data: Buffer, type: 'png' | 'jpeg', maxPixels: number): Promise<Buffer> {
  try {
    const image = sharp(data, { limitInputPixels: maxPixels, failOn: 'error', pages: 1 }).rotate();
    return type === 'png' ? await image.png().toBuffer() : await image.jpeg({ quality: 90 }).toBuffer();
  } catch (err) {
    if (/pixel limit/i.test((err as Error).message ?? '')) throw new BizError('UPLOAD_IMAGE_TOO_LARGE', undefined, 'file');
    throw new BizError('UPLOAD_INVALID_IMAGE', undefined, 'file');
  }
}
