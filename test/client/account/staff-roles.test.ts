import { withStaffRoles } from '@contract/roles';

describe('the roles the admin\'s page saves', () => {
  it('should keep a user\'s own roles and set the staff roles chosen, in one order', () => {
    expect(withStaffRoles(['student', 'college'], ['admin', 'district'])).toEqual(['student', 'district', 'admin']);
    expect(withStaffRoles(['recruiter'], ['bureau'])).toEqual(['recruiter', 'bureau']);
  });

  it('should leave a former staff member with no roles as the student every account starts as', () => {
    expect(withStaffRoles(['bureau', 'admin'], [])).toEqual(['student']);
  });
});
