/**
 * Reads a zip's central directory WITHOUT inflating anything, so a DOCX that declares a huge
 * uncompressed size (a zip bomb) is refused before mammoth touches it.
 */
export interface ZipSummary {
  entries: number;
  /** Sum of the declared uncompressed sizes; Infinity when a size is hidden in ZIP64 fields. */
  uncompressedBytes: number;
  names: string[];
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

export function inspectZip(bytes: Buffer): ZipSummary | null {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i--) {
    if (bytes.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = bytes.readUInt16LE(eocd + 10);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  let offset = directoryOffset;
  let uncompressedBytes = 0;
  const names: string[] = [];
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_SIGNATURE) return null;
    const size = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    uncompressedBytes += size === 0xffffffff ? Infinity : size;
    names.push(bytes.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, uncompressedBytes, names };
}
