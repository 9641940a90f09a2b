// Uploaded images (product images, review photos): the type is read from the bytes (magic numbers),
// never from the declared Content-Type or a file name.
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';
export const IMAGE_TYPES: readonly ImageType[] = ['image/jpeg', 'image/png', 'image/webp'];

/** The image type the bytes start with, or null when they are not a JPEG, PNG or WebP image. */
export function detectImageType(data: Buffer): ImageType | null {
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (
    data.length >= 24 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) &&
    data.toString('latin1', 12, 16) === 'IHDR'
  )
    return 'image/png';
  if (
    data.length >= 16 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP' &&
    data.toString('latin1', 12, 15) === 'VP8'
  )
    return 'image/webp';
  return null;
}
