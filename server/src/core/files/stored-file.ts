/**
 * A file a record keeps (complaint evidence, subsidy documents): where the bytes are and what they
 * are. The record's own schema adds what only it needs (a subsidy document's `kind`).
 */
export interface StoredFile<Type extends string = string> {
  id: string;
  key: string;
  type: Type;
  size: number;
  /** sha256 of the bytes. */
  hash: string;
  uploadedAt: Date;
}

/** The mongoose fields of a `StoredFile`, for a sub-schema (`new Schema({ ...storedFileFields }, { _id: false })`). */
export const storedFileFields = {
  id: { type: String, required: true },
  key: { type: String, required: true },
  type: { type: String, required: true },
  size: { type: Number, required: true },
  hash: { type: String, required: true },
  uploadedAt: { type: Date, required: true },
} as const;
