import type { Role, StaffScope } from './roles';
import type { CollegeId, Degree, DistrictCode, Province } from './reference';

/** What a student fills in; every field is needed before applying for anything. */
export interface StudentProfile {
  name: string;
  /** Set when the school is a Dalian college; otherwise `schoolName` holds the name. */
  collegeId?: CollegeId;
  schoolName: string;
  doubleFirstClass: boolean;
  degree: Degree;
  major: string;
  graduationYear: number;
  originProvince: Province;
  originCity: string;
  intentionDistricts: DistrictCode[];
  intentionText: string;
}

export type ProfileInput = Omit<StudentProfile, 'schoolName' | 'doubleFirstClass'> & {
  schoolName?: string;
  doubleFirstClass?: boolean;
  /** Resident ID number; stored encrypted, never returned in full. */
  idNumber?: string;
};

export interface Me {
  id: string;
  nickname: string;
  roles: Role[];
  scope: StaffScope;
  profile: Partial<StudentProfile>;
  profileComplete: boolean;
  /** Masked, e.g. 138****5678. */
  phone?: string;
  /** false: the user typed the number (WeChat's verification failed or was declined); true: verified by WeChat. */
  phoneVerified?: boolean;
  /** Masked, e.g. 2102**********123X. */
  idNumber?: string;
  createdAt: string;
}

export interface PhoneBindRequest {
  /** The code from `<Button openType="getPhoneNumber">`. */
  code: string;
}

/** Staff-side view of a user (admin user management). */
export interface UserSummary {
  id: string;
  nickname: string;
  roles: Role[];
  scope: StaffScope;
  phone?: string;
  profileComplete: boolean;
  createdAt: string;
}

export interface RoleAssignment {
  roles: Role[];
  scope: StaffScope;
}
