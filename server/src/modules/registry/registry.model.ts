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

// One record per person and graduation year: re-imports update it.
schema.index({ idNumberHash: 1, graduationYear: 1 }, { unique: true });
schema.index({ collegeId: 1, graduationYear: 1, updatedAt: -1, _id: -1 });
schema.index({ graduationYear: 1, 'destination.districtCode': 1 });
schema.index({ userId: 1 }, { sparse: true });
// Staff search across the registry: a name prefix or a masked ID, newest year first.
schema.index({ name: 1, graduationYear: -1 });
schema.index({ idNumberMasked: 1, graduationYear: -1 });

export const GraduateModel = defineModel('Graduate', schema);
