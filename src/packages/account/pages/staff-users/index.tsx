import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { COLLEGES, DISTRICTS } from '@contract/reference';
import { ROLE_LABELS, ROLES, STAFF_ROLES, withStaffRoles, type Role, type StaffRole, type StaffScope } from '@contract/roles';
import type { UserSummary } from '@contract/user';
import FormField from '@/components/FormField';
import ListFooter from '@/components/ListFooter';
import SelectField from '@/components/SelectField';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { useSession } from '@/hooks/useSession';
import { adminUsers, adminUsersByPhone, assignRoles } from '@/services/api/user';
import { pressable } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import { formatDate } from '@/utils/format';
import './index.scss';

const ALL = 'all';
const ROLE_OPTIONS: Array<{ value: Role | typeof ALL; label: string }> = [{ value: ALL, label: '全部角色' }, ...ROLES.map(r => ({ value: r, label: ROLE_LABELS[r] }))];
const COLLEGE_OPTIONS = COLLEGES.map(c => ({ value: c.id as string, label: c.name }));
const DISTRICT_OPTIONS = DISTRICTS.map(d => ({ value: d.code as string, label: d.name }));

/** 高校就业指导中心（大连理工大学）: a role with the unit it acts for. */
function roleText(role: Role, scope: StaffScope): string {
  if (role === 'college' && scope.collegeId) return `${ROLE_LABELS[role]}（${COLLEGES.find(c => c.id === scope.collegeId)?.name ?? scope.collegeId}）`;
  if (role === 'district' && scope.districtCode) return `${ROLE_LABELS[role]}（${DISTRICTS.find(d => d.code === scope.districtCode)?.name ?? scope.districtCode}）`;
  return ROLE_LABELS[role];
}

interface Search {
  q?: string;
  phone?: string;
  role?: Role;
}

function RoleEditor({ user, isSelf, onDone, onCancel }: { user: UserSummary; isSelf: boolean; onDone: (u: UserSummary) => void; onCancel: () => void }) {
  const [staff, setStaff] = useState<StaffRole[]>(STAFF_ROLES.filter(r => user.roles.includes(r)));
  const [collegeId, setCollegeId] = useState(user.scope.collegeId);
  const [districtCode, setDistrictCode] = useState(user.scope.districtCode);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const roles = withStaffRoles(user.roles, staff);
  const scope: StaffScope = { ...(staff.includes('college') ? { collegeId } : {}), ...(staff.includes('district') ? { districtCode } : {}) };
  const toggle = (role: StaffRole) => setStaff(s => (s.includes(role) ? s.filter(r => r !== role) : [...s, role]));
  const dropsOwnAdmin = isSelf && user.roles.includes('admin') && !staff.includes('admin');

  const save = async () => {
    setBusy(true);
    setError('');
    try {
      onDone(await assignRoles(user.id, { roles, scope, reason: reason.trim() }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id={`user-editor-${user.id}`} className='staff-users__editor'>
      <View className='staff-users__roles' role='group' aria-label='工作人员角色'>
        {STAFF_ROLES.map(role => {
          const on = staff.includes(role);
          return (
            <View
              key={role}
              id={`user-role-${role}`}
              className={`staff-users__role${on ? ' staff-users__role--on' : ''}`}
              {...pressable(() => toggle(role), { role: 'checkbox', checked: on })}
            >
              {on ? '✓ ' : ''}
              {ROLE_LABELS[role]}
            </View>
          );
        })}
      </View>
      {staff.includes('college') && (
        <FormField label='所属高校' required>
          <SelectField id='user-college' title='所属高校' placeholder='请选择高校' options={COLLEGE_OPTIONS} value={collegeId} onChange={setCollegeId} />
        </FormField>
      )}
      {staff.includes('district') && (
        <FormField label='所属区市县' required>
          <SelectField id='user-district' title='所属区市县' placeholder='请选择区市县' options={DISTRICT_OPTIONS} value={districtCode} onChange={setDistrictCode} />
        </FormField>
      )}
      <FormField label='调整原因' required hint='记入操作日志'>
        <Input id='user-reason' value={reason} placeholder='如：新任就业指导中心老师' onInput={e => setReason(e.detail.value)} />
      </FormField>
      <View id='user-preview' className='staff-users__preview'>
        保存后：{roles.map(r => roleText(r, scope)).join('、')}。对方已签发的登录凭证随即失效，重新获取后按新角色办理。
      </View>
      {dropsOwnAdmin && <View className='staff-users__warning'>您正在取消自己的管理员角色，保存后将无法再进入本页面。</View>}
      {error && (
        <View id='user-error' className='staff-users__error' role='alert'>
          {error}
        </View>
      )}
      <View className='staff-users__actions'>
        <Button id='user-cancel' size='mini' type='default' className='staff-users__button' onClick={onCancel}>
          取消
        </Button>
        <Button id='user-save' size='mini' type='primary' className='staff-users__button' disabled={busy} loading={busy} onClick={() => void save()}>
          保存角色
        </Button>
      </View>
    </View>
  );
}

/** The admin's page: find a user by name, phone or role, see their roles and scopes, grant and revoke staff roles. */
export default function StaffUsersPage() {
  const me = useSession();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [role, setRole] = useState<Role | typeof ALL>(ALL);
  const [search, setSearch] = useState<Search>({});
  const [editing, setEditing] = useState<string>();
  const [changed, setChanged] = useState<Record<string, UserSummary>>({});
  const [done, setDone] = useState('');

  const filters: Search = { ...search, role: role === ALL ? undefined : role };
  const list = usePagedList(
    cursor => (filters.phone ? adminUsersByPhone(filters.phone, { role: filters.role, cursor, limit: 20 }) : adminUsers({ q: filters.q, role: filters.role, cursor, limit: 20 })),
    filters,
  );

  const byName = () => {
    setPhone('');
    setSearch({ q: name.trim() || undefined });
  };
  const byPhone = () => {
    setName('');
    setSearch({ phone: phone.trim() || undefined });
  };

  return (
    <View className='ll-page staff-users'>
      <View className='ll-card staff-users__search'>
        <FormField label='姓名或昵称'>
          <Input id='users-name' value={name} placeholder='输入姓名关键字' confirmType='search' onInput={e => setName(e.detail.value)} onConfirm={byName} />
        </FormField>
        <Button id='users-find-name' size='mini' type='default' className='staff-users__find' onClick={byName}>
          按姓名查找
        </Button>
        <FormField label='手机号' hint='完整手机号，精确匹配；列表中只显示部分号码'>
          <Input id='users-phone' type='number' value={phone} placeholder='11位手机号' confirmType='search' onInput={e => setPhone(e.detail.value)} onConfirm={byPhone} />
        </FormField>
        <Button id='users-find-phone' size='mini' type='default' className='staff-users__find' onClick={byPhone}>
          按手机号查找
        </Button>
        <FormField label='角色'>
          <SelectField id='users-role' title='角色' placeholder='全部角色' options={ROLE_OPTIONS} value={role} onChange={setRole} />
        </FormField>
      </View>

      {done && (
        <View id='users-done' className='staff-users__done' role='status'>
          {done}
        </View>
      )}

      {list.items.map(item => {
        const user = changed[item.id] ?? item;
        return (
          <View key={user.id} id={`user-${user.id}`} className='ll-card staff-users__item'>
            <View className='staff-users__head'>
              <View className='staff-users__name'>{user.nickname}</View>
              <View className='staff-users__phone'>{user.phone ?? '未绑定手机号'}</View>
            </View>
            <View className='staff-users__tags'>
              {user.roles.map(r => (
                <Tag key={r} tone={(STAFF_ROLES as readonly Role[]).includes(r) ? 'primary' : 'neutral'}>
                  {roleText(r, user.scope)}
                </Tag>
              ))}
            </View>
            <View className='staff-users__meta'>注册于 {formatDate(user.createdAt)}</View>
            {editing === user.id ? (
              <RoleEditor
                user={user}
                isSelf={me?.userId === user.id}
                onCancel={() => setEditing(undefined)}
                onDone={saved => {
                  setChanged(c => ({ ...c, [saved.id]: saved }));
                  setEditing(undefined);
                  setDone(`已更新 ${saved.nickname} 的角色：${saved.roles.map(r => roleText(r, saved.scope)).join('、')}`);
                }}
              />
            ) : (
              <Button id={`user-edit-${user.id}`} size='mini' type='default' className='staff-users__edit' onClick={() => setEditing(user.id)}>
                调整角色
              </Button>
            )}
          </View>
        );
      })}
      <ListFooter list={list} empty={{ title: '没有符合条件的用户', compact: true }} />
    </View>
  );
}
