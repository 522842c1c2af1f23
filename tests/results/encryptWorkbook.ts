/**
 * A password-protected workbook as Excel saves one (ECMA-376 agile encryption, [MS-OFFCRYPTO]
 * §2.3.4.10–2.3.4.15): an OLE compound file holding EncryptionInfo and the AES-256 encrypted
 * package, password key derived with SHA-512, integrity HMAC included. For the tests' bad-input
 * case, made from the real download; python3-msoffcrypto-tool decrypts it back to the original.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { CFB } from "@e965/xlsx";

const BLOCK = {
  verifierInput: Buffer.from("fea7d2763b4b9e79", "hex"),
  verifierValue: Buffer.from("d7aa0f6d3061344e", "hex"),
  keyValue: Buffer.from("146e0be7abacd0d6", "hex"),
  hmacKey: Buffer.from("5fb2ad010cb9e1f6", "hex"),
  hmacValue: Buffer.from("a0677f02b22c8433", "hex"),
};
const sha512 = (...parts: Buffer[]) => createHash("sha512").update(Buffer.concat(parts)).digest();
const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
/** AES-256-CBC without padding: the data is zero-filled to a whole number of blocks first. */
const aes = (key: Buffer, iv: Buffer, data: Buffer) => {
  const padded = Buffer.concat([data, Buffer.alloc((16 - (data.length % 16)) % 16)]);
  const c = createCipheriv("aes-256-cbc", key, iv.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([c.update(padded), c.final()]);
};

export function encryptWorkbook(plain: Uint8Array, password: string, spinCount = 100_000): Uint8Array {
  const keySalt = randomBytes(16);
  const dataSalt = randomBytes(16);
  const secretKey = randomBytes(32);

  let h = sha512(keySalt, Buffer.from(password, "utf16le"));
  for (let i = 0; i < spinCount; i++) h = sha512(le32(i), h);
  const passwordKey = (block: Buffer) => sha512(h, block).subarray(0, 32);

  const verifier = randomBytes(16);
  const encryptedVerifierHashInput = aes(passwordKey(BLOCK.verifierInput), keySalt, verifier);
  const encryptedVerifierHashValue = aes(passwordKey(BLOCK.verifierValue), keySalt, sha512(verifier));
  const encryptedKeyValue = aes(passwordKey(BLOCK.keyValue), keySalt, secretKey);

  // The package: its size, then 4096-byte segments, each with its own IV.
  const size = Buffer.alloc(8);
  size.writeUInt32LE(plain.length);
  const segments: Buffer[] = [size];
  for (let i = 0, n = 0; i < plain.length; i += 4096, n++) segments.push(aes(secretKey, sha512(dataSalt, le32(n)), Buffer.from(plain.subarray(i, i + 4096))));
  const encryptedPackage = Buffer.concat(segments);

  const hmacKey = randomBytes(64);
  const hmacValue = createHmac("sha512", hmacKey).update(encryptedPackage).digest();
  const encryptedHmacKey = aes(secretKey, sha512(dataSalt, BLOCK.hmacKey), hmacKey);
  const encryptedHmacValue = aes(secretKey, sha512(dataSalt, BLOCK.hmacValue), hmacValue);

  const b64 = (b: Buffer) => b.toString("base64");
  const params = (salt: Buffer) =>
    `saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(salt)}"`;
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<keyData ${params(dataSalt)}/>` +
    `<dataIntegrity encryptedHmacKey="${b64(encryptedHmacKey)}" encryptedHmacValue="${b64(encryptedHmacValue)}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="${spinCount}" ${params(keySalt)} encryptedVerifierHashInput="${b64(encryptedVerifierHashInput)}" encryptedVerifierHashValue="${b64(encryptedVerifierHashValue)}" encryptedKeyValue="${b64(encryptedKeyValue)}"/>` +
    "</keyEncryptor></keyEncryptors></encryption>";
  // Version 4.4 (agile), reserved flags 0x40.
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from(xml, "utf8")]);

  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, "/EncryptionInfo", info);
  CFB.utils.cfb_add(cfb, "/EncryptedPackage", encryptedPackage);
  return CFB.write(cfb, { type: "buffer" }) as Uint8Array;
}
