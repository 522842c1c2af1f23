/** docx.js: the Word reader (mammoth), loaded when a .docx is dropped. */
import { readDocx } from "../../import/readDocx";

(window.studioParts ??= {}).docx = readDocx;
