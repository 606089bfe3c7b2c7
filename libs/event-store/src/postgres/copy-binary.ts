/** How a column's values are written in a binary COPY: PostgreSQL's own binary forms. */
export type CopyColumnType = 'bigint' | 'text' | 'uuid' | 'timestamptz' | 'bytea';

/** A value in a COPY row: null or undefined is SQL NULL; a timestamp is a Date or an ISO-8601 text. */
export type CopyValue = string | number | Date | Uint8Array | null | undefined;

/** The header: signature, flags, header extension length. */
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const TRAILER = -1;
/** Microseconds since 2000-01-01 UTC are PostgreSQL's timestamps. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);

/** The error for a value its column cannot hold, naming the value. */
const unfit = (what: string, value: CopyValue) => new TypeError(`not a ${what}: ${JSON.stringify(value)}`);

const HEX = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) {
  HEX['0123456789abcdef'.charCodeAt(d)] = d;
  HEX['0123456789ABCDEF'.charCodeAt(d)] = d;
}

class CopyWriter {
  private buffer: Buffer;
  private at = 0;

  constructor(estimate: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(1024, estimate));
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  raw(bytes: Buffer): void {
    this.room(bytes.length);
    this.at += bytes.copy(this.buffer, this.at);
  }

  int16(value: number): void {
    this.room(2);
    this.at = this.buffer.writeInt16BE(value, this.at);
  }

  int32(value: number): void {
    this.room(4);
    this.at = this.buffer.writeInt32BE(value, this.at);
  }

  /** An integer a JavaScript number holds exactly, as a big-endian int8. */
  int64(value: number): void {
    const high = Math.floor(value / 2 ** 32);
    this.room(8);
    this.at = this.buffer.writeInt32BE(high, this.at);
    this.at = this.buffer.writeUInt32BE(value - high * 2 ** 32, this.at);
  }

  bytes(value: Uint8Array): void {
    this.room(4 + value.length);
    this.at = this.buffer.writeInt32BE(value.length, this.at);
    this.buffer.set(value, this.at);
    this.at += value.length;
  }

  text(value: string): void {
    // At most three bytes a UTF-16 unit; the length goes in front once the text is written.
    this.room(4 + value.length * 3);
    const length = this.buffer.write(value, this.at + 4, 'utf8');
    this.buffer.writeInt32BE(length, this.at);
    this.at += 4 + length;
  }

  /** The canonical form only (8-4-4-4-12 hex digits), as event ids are recorded. */
  uuid(value: string): void {
    if (value.length !== 36) throw unfit('UUID', value);
    this.room(20);
    this.at = this.buffer.writeInt32BE(16, this.at);
    let byte = this.at;
    let high = -1;
    for (let i = 0; i < 36; i++) {
      const c = value.charCodeAt(i);
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (c !== 45) throw unfit('UUID', value);
        continue;
      }
      const digit = c < 128 ? (HEX[c] as number) : -1;
      if (digit < 0) throw unfit('UUID', value);
      if (high < 0) high = digit;
      else {
        this.buffer[byte++] = (high << 4) | digit;
        high = -1;
      }
    }
    this.at += 16;
  }

  done(): Buffer {
    return this.buffer.subarray(0, this.at);
  }
}

const numberOf = (value: CopyValue, type: CopyColumnType): number => {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw unfit(type, value);
};

const millisecondsOf = (value: CopyValue): number => {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw unfit('timestamp', value);
  return ms;
};

/**
 * Rows in COPY's binary format (`copy ... from stdin with (format binary)`): each value as
 * PostgreSQL stores it, so the server parses no text, which halved a rebuild's audit COPY. Timestamps
 * keep milliseconds, as JavaScript's dates do. A value that does not fit its column throws.
 */
export function copyBinary(columns: readonly CopyColumnType[], rows: readonly (readonly CopyValue[])[]): Buffer {
  const out = new CopyWriter(HEADER.length + 2 + rows.length * (2 + columns.length * 24));
  out.raw(HEADER);
  for (const row of rows) {
    if (row.length !== columns.length) throw new TypeError(`a row of ${row.length} values for ${columns.length} columns`);
    out.int16(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const value = row[i];
      const type = columns[i] as CopyColumnType;
      if (value === null || value === undefined) out.int32(-1);
      else if (type === 'text') {
        if (typeof value !== 'string') throw unfit('text', value);
        out.text(value);
      } else if (type === 'bytea') {
        if (!(value instanceof Uint8Array)) throw unfit('byte array', value);
        out.bytes(value);
      } else if (type === 'uuid') {
        if (typeof value !== 'string') throw unfit('UUID', value);
        out.uuid(value);
      } else if (type === 'bigint') {
        out.int32(8);
        out.int64(numberOf(value, type));
      } else {
        out.int32(8);
        out.int64((millisecondsOf(value) - POSTGRES_EPOCH_MS) * 1000);
      }
    }
  }
  out.int16(TRAILER);
  return out.done();
}
