/**
 * Labels of sign-in with an account and of the account screens, in Vietnamese and English. Kept
 * apart from messages.js so these screens can change without touching the dashboard's other labels.
 */
import { lang } from './i18n.js';

const vi = {
  'account.title': 'Đăng nhập',
  'account.username': 'Tên đăng nhập',
  'account.password': 'Mật khẩu',
  'account.submit': 'Đăng nhập',
  'account.oidc': 'Đăng nhập bằng tài khoản tổ chức',
  'account.or': 'hoặc',
  'account.tokenToggle': 'Dành cho người vận hành: đăng nhập bằng mã truy cập',
  'account.wrong':
    'Sai tên đăng nhập hoặc mật khẩu. Hãy kiểm tra lại, hoặc nhờ quản trị tài khoản đặt lại mật khẩu.',
  'account.locked':
    'Tài khoản tạm khoá vì đăng nhập sai nhiều lần. Hãy đợi {minutes} phút rồi thử lại, hoặc liên hệ quản trị tài khoản.',
  'account.disabled': 'Tài khoản đã bị vô hiệu hoá. Hãy liên hệ quản trị tài khoản.',
  'account.noAssignment': 'Tài khoản chưa được giao vai trò nào. Hãy nhờ quản trị tài khoản giao vai trò.',
  'account.acting': 'Đang hành động với vai trò',
  'accounts.link': 'Tài khoản',
  'accounts.title': 'Quản lý tài khoản',
  'accounts.scope': 'Phạm vi quản lý: {scope}',
  'accounts.all': 'toàn bộ tổ chức',
  'accounts.username': 'Tên đăng nhập',
  'accounts.name': 'Họ tên',
  'accounts.status': 'Trạng thái',
  'accounts.roles': 'Vai trò',
  'accounts.actions': 'Thao tác',
  'accounts.active': 'Đang hoạt động',
  'accounts.disabledState': 'Đã vô hiệu hoá',
  'accounts.disable': 'Vô hiệu hoá',
  'accounts.enable': 'Kích hoạt lại',
  'accounts.reset': 'Đặt lại mật khẩu',
  'accounts.assign': 'Giao vai trò',
  'accounts.unassign': 'Bỏ vai trò',
  'accounts.create': 'Tạo tài khoản',
  'accounts.newPassword': 'Mật khẩu mới (ít nhất 10 ký tự)',
  'accounts.role': 'Vai trò',
  'accounts.scopeId': 'Mã đơn vị / tổ công tác (theo vai trò)',
  'accounts.created': 'Đã tạo tài khoản {username}.',
  'accounts.done': 'Đã lưu thay đổi cho {username}.',
  'accounts.refused': 'Không thực hiện được: {detail}',
  'accounts.none': 'Không có tài khoản nào trong phạm vi của bạn.',
  'role.account_admin': 'Quản trị tài khoản',
};

/** @type {Record<keyof typeof vi, string>} */
const en = {
  'account.title': 'Sign in',
  'account.username': 'Username',
  'account.password': 'Password',
  'account.submit': 'Sign in',
  'account.oidc': 'Sign in with your organisation',
  'account.or': 'or',
  'account.tokenToggle': 'For operators: sign in with an access token',
  'account.wrong': 'Wrong username or password. Check both, or ask your account admin to reset the password.',
  'account.locked':
    'This account is locked after too many failed sign-ins. Wait {minutes} minutes and retry, or contact your account admin.',
  'account.disabled': 'This account is disabled. Contact your account admin.',
  'account.noAssignment': 'This account has no role yet. Ask your account admin to assign one.',
  'account.acting': 'Acting as',
  'accounts.link': 'Accounts',
  'accounts.title': 'Accounts',
  'accounts.scope': 'You manage: {scope}',
  'accounts.all': 'the whole organisation',
  'accounts.username': 'Username',
  'accounts.name': 'Name',
  'accounts.status': 'Status',
  'accounts.roles': 'Roles',
  'accounts.actions': 'Actions',
  'accounts.active': 'Active',
  'accounts.disabledState': 'Disabled',
  'accounts.disable': 'Disable',
  'accounts.enable': 'Enable',
  'accounts.reset': 'Reset password',
  'accounts.assign': 'Assign role',
  'accounts.unassign': 'Remove role',
  'accounts.create': 'Create account',
  'accounts.newPassword': 'New password (at least 10 characters)',
  'accounts.role': 'Role',
  'accounts.scopeId': 'Unit or working group id (as the role needs)',
  'accounts.created': 'Created account {username}.',
  'accounts.done': 'Saved the change for {username}.',
  'accounts.refused': 'Not done: {detail}',
  'accounts.none': 'No accounts within your scope.',
  'role.account_admin': 'Account admin',
};

/** @typedef {keyof typeof vi} AccountMessageKey */

const MESSAGES = { vi, en };

/**
 * @param {AccountMessageKey} key
 * @param {Record<string, string | number>} [params]
 */
export function ta(key, params = {}) {
  return MESSAGES[lang()][key].replace(/\{(\w+)\}/g, (whole, /** @type {string} */ name) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
