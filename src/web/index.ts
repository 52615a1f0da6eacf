/** The supervisors' and auditors' web dashboard: the bundled page plus the catalogue they read. */
export {
  createDashboardRouter,
  DEFAULT_BUNDLE_DIR,
  NOT_BUILT_MESSAGE,
  type DashboardOptions,
} from './dashboard.router.js';
export {
  buildDashboardCatalogue,
  PROCEDURE_ORDER,
  SIDE_PHASES,
  type DashboardCatalogue,
} from './catalogue.js';
