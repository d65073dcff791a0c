import qrcode from 'qrcode-generator';

/**
 * The check-in code as a QR image (a GIF data URL, which an Image shows on both platforms
 * without a canvas). Level M survives a scuffed phone screen; the token is ASCII, so byte mode.
 */
export function qrDataUrl(text: string, cellSize = 6, margin = 4): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createDataURL(cellSize, margin);
}

/** Whole seconds until the code expires (0 once it has). */
export function secondsLeft(expiresAt: string, now: number = Date.now()): number {
  const left = Math.floor((new Date(expiresAt).getTime() - now) / 1000);
  return Number.isFinite(left) && left > 0 ? left : 0;
}
