import { Schema, Types } from 'mongoose';
import { DESTINATION_KINDS, DESTINATION_SOURCES, type GraduateDestination, type HardshipFlag } from '../../contract/registry';
import type { Degree, Province } from '../../contract/reference';
import { defineModel } from '../../core/database';

export interface GraduateDoc {
  _id: Types.ObjectId;
  name: string;
  idNumberEnc: string;
  idNumberHash: string;
  idNumberMasked: string;
  /** `<idNumberHash>:<graduationYear>`: one unique key, so a batch of lookups is one indexed `$in`. */
  recordKey: string;
  collegeId?: string;
  schoolName: string;
  doubleFirstClass: boolean;
  degree: Degree;
  major: string;
  graduationYear: number;
  originProvince: Province;
  originCity: string;
  /** True when the origin province is Liaoning (省内). */
  originInProvince: boolean;
  hardship: HardshipFlag[];
  intention: string;
  destination?: Omit<GraduateDestination, 'date'> & { date: Date };
  userId?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export const GRADUATES_COLLECTION = 'graduates';

const destinationSchema = new Schema(
  {
    kind: { type: String, enum: DESTINATION_KINDS, required: true },
    employer: String,
    districtCode: String,
    date: { type: Date, required: true },
    source: { type: String, enum: DESTINATION_SOURCES, required: true },
  },
  { _id: false },
);

const schema = new Schema<GraduateDoc>(
  {
    name: { type: String, required: true },
    idNumberEnc: { type: String, required: true },
    idNumberHash: { type: String, required: true },
    idNumberMasked: { type: String, required: true },
    recordKey: { type: String },
    collegeId: String,
    schoolName: { type: String, required: true },
    doubleFirstClass: { type: Boolean, default: false },
    degree: { type: String, required: true },
    major: { type: String, required: true },
    graduationYear: { type: Number, required: true },
    originProvince: { type: String, required: true },
    originCity: { type: String, required: true },
    originInProvince: { type: Boolean, required: true },
    hardship: { type: [String], default: [] },
    intention: { type: String, default: '' },
    destination: { type: destinationSchema, default: undefined },
    userId: { type: Schema.Types.ObjectId },
  },
  { collection: GRADUATES_COLLECTION, timestamps: true, versionKey: false },
);

/** The record's single-field key (person and graduation year). */
export function graduateRecordKey(idNumberHash: string, graduationYear: number): string {
  return `${idNumberHash}:${graduationYear}`;
}

schema.pre('validate', function setRecordKey() {
  if (this.idNumberHash && this.graduationYear) this.recordKey = graduateRecordKey(this.idNumberHash, this.graduationYear);
});

// One record per person and graduation year: re-imports update it. The same fact as one field: the
// embedded stand-in answers `$in` only from a single-field unique index (a compound or non-unique
// one means a scan per query, which made imports grow with the registry); MongoDB uses either.
schema.index({ idNumberHash: 1, graduationYear: 1 }, { unique: true });
schema.index({ recordKey: 1 }, { unique: true, sparse: true });
schema.index({ collegeId: 1, graduationYear: 1, updatedAt: -1, _id: -1 });
schema.index({ graduationYear: 1, 'destination.districtCode': 1 });
schema.index({ userId: 1 }, { sparse: true });
// Staff search across the registry: a name prefix or a masked ID, newest year first.
schema.index({ name: 1, graduationYear: -1 });
schema.index({ idNumberMasked: 1, graduationYear: -1 });

export const GraduateModel = defineModel('Graduate', schema);
