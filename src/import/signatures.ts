/**
 * What a file is, by its first bytes (its name may have been changed): the importer and the results
 * readers both tell a Word or spreadsheet file from text this way.
 */
const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);

/** A zip: .docx, .xlsx, .ods. */
export const isZip = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

/**
 * Compound File Binary: Word 97–2003 .doc, old .xls, and every password-protected Office file
 * (encrypted OOXML lives in one).
 */
export const isCompoundFile = (bytes: Uint8Array) => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
