// What each role sees on the home page. `links` are pages that exist today; `work` describes the role's
// work in plain text (no links) until the pillar pages that do it are built.
export const ROLE_ORDER = [
  'resident', 'counsellor', 'employer', 'facility_manager', 'operator', 'driver',
  'district_officer', 'city_officer', 'admin',
];

export const ROLES = {
  resident: {
    links: [
      { href: '/booking', card: 'card.booking' },
      { href: '/booking/mine', card: 'card.booking_mine' },
      { href: '/jobs/me', card: 'card.jobs_me' },
      { href: '/dispatch', card: 'card.dispatch' },
      { href: '/luggage', card: 'card.luggage' },
      { href: '/luggage/mine', card: 'card.luggage_mine' },
      { href: '/dispatch/visits', card: 'card.dispatch_visits' },
    ],
    work: ['work.resident.bookings', 'work.resident.book', 'work.resident.case'],
  },
  counsellor: {
    links: [
      { href: '/jobs', card: 'card.jobs' },
      { href: '/jobs/intake', card: 'card.jobs_intake' },
    ],
    work: ['work.counsellor.cases', 'work.counsellor.intake'],
  },
  employer: {
    links: [{ href: '/jobs/employer', card: 'card.jobs_employer' }],
    work: ['work.employer.vacancies'],
  },
  facility_manager: {
    links: [
      { href: '/booking/manage', card: 'card.booking_manage' },
      { href: '/booking/manage/resources', card: 'card.booking_resources' },
    ],
    work: ['work.facility_manager.sheet'],
  },
  operator: {
    links: [
      { href: '/dispatch/console', card: 'card.dispatch_console' },
      { href: '/dispatch', card: 'card.dispatch_phone' },
      { href: '/luggage/console', card: 'card.luggage_console' },
      { href: '/dispatch/visits/console', card: 'card.dispatch_visits_console' },
    ],
    work: ['work.operator.dispatch'],
  },
  driver: {
    links: [
      { href: '/dispatch/driver', card: 'card.dispatch_driver' },
      { href: '/dispatch/visits/worker', card: 'card.dispatch_visits_worker' },
    ],
    work: ['work.driver.route'],
  },
  district_officer: {
    links: [
      { href: '/programmes/calls', card: 'card.programme_calls_district' },
      { href: '/programmes', card: 'card.programmes' },
    ],
    work: ['work.district_officer.projects', 'work.district_officer.report'],
  },
  city_officer: {
    links: [
      { href: '/programmes/calls', card: 'card.programme_calls' },
      { href: '/programmes/calls/new', card: 'card.programme_call_new' },
      { href: '/programmes', card: 'card.programmes' },
    ],
    work: ['work.city_officer.calls', 'work.city_officer.dashboard'],
  },
  admin: {
    links: [
      { href: '/admin/users', card: 'card.admin_users' },
      { href: '/admin/users/new', card: 'card.admin_user_new' },
      { href: '/admin/audit', card: 'card.admin_audit' },
      { href: '/admin/access-log', card: 'card.admin_access_log' },
      { href: '/admin/organisations', card: 'card.admin_organisations' },
    ],
    work: ['work.admin.roles'],
  },
};

/** The role's name in the catalogue (role.resident ...); unknown roles fall back to their code. */
export const roleKey = (role) => `role.${role}`;
export const scopeKindKey = (kind) => `scope.${kind || 'none'}`;
