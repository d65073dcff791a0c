import { Schema, Types } from 'mongoose';
import { defineModel } from '../../core/database';

/** One insurance spell from the 社保 export: a person (sealed ID) paying at an employer since a month. */
export interface InsuranceRecordDoc {
  _id: Types.ObjectId;
  /** `<idNumberHash>:<employerUscc>:<startMonth>`: what makes a row the same record on re-import. */
  recordKey: string;
  idNumberEnc: string;
  idNumberHash: string;
  idNumberMasked: string;
  employerUscc: string;
  /** YYYY-MM */
  startMonth: string;
  monthsPaid: number;
  /** When the file holding this row's current figures was imported. */
  importedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<InsuranceRecordDoc>(
  {
    recordKey: { type: String, required: true },
    idNumberEnc: { type: String, required: true },
    idNumberHash: { type: String, required: true },
    idNumberMasked: { type: String, required: true },
    employerUscc: { type: String, required: true },
    startMonth: { type: String, required: true },
    monthsPaid: { type: Number, required: true },
    importedAt: { type: Date, required: true },
  },
  { collection: 'insurance_records', timestamps: true, versionKey: false },
);
// A single-field unique key: the embedded stand-in answers a batch `$in` from it without a scan.
schema.index({ recordKey: 1 }, { unique: true });
schema.index({ idNumberHash: 1, startMonth: -1 });
schema.index({ importedAt: -1 });

export const InsuranceRecordModel = defineModel('InsuranceRecord', schema);
