/**
 * Moodle's "Download in text format": TAB-separated, UTF-8, fields quoted only when they hold a
 * space, quote or separator (PHP's fputcsv), a doubled quote inside quotes. Returns the rows.
 */
export function readTabSeparated(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    let field: string;
    if (src[i] === '"') {
      // Quoted: up to the quote that is not doubled.
      let end = i + 1;
      let value = "";
      for (;;) {
        const q = src.indexOf('"', end);
        if (q < 0) {
          value += src.slice(end);
          end = n;
          break;
        }
        value += src.slice(end, q);
        if (src[q + 1] === '"') {
          value += '"';
          end = q + 2;
        } else {
          end = q + 1;
          break;
        }
      }
      // Anything after the closing quote up to the separator belongs to the field too.
      const stop = nextStop(src, end);
      field = value + src.slice(end, stop);
      i = stop;
    } else {
      const stop = nextStop(src, i);
      field = src.slice(i, stop);
      i = stop;
    }
    row.push(field);
    const sep = src[i];
    if (sep === "\t") {
      i++;
      if (i === n) row.push("");
    } else {
      // End of line (LF, CRLF or CR) or of the text.
      i += sep === "\r" && src[i + 1] === "\n" ? 2 : 1;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

const STOP = /[\t\r\n]/g;

function nextStop(src: string, from: number): number {
  STOP.lastIndex = from;
  const m = STOP.exec(src);
  return m ? m.index : src.length;
}
