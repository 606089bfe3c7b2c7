/** Injection tokens of the API's own providers. */
export const EVENT_STORE = Symbol('EventStore');
export const APP_CONFIG = Symbol('AppConfig');
export const CLOCK = Symbol('Clock');
/** The database beside the events for what is not one: identifier keys, the access log (see Storage.sql). */
export const SQL_CLIENT = Symbol('SqlClient');
/** The database the read models live in (see Storage.views). */
export const VIEWS_SQL_CLIENT = Symbol('ViewsSqlClient');
export const COURSE_VIEWS_RUNNER = Symbol('CourseViewsRunner');
/** The store and its databases as opened (a Storage), with the embedded store's threads. */
export const STORAGE = Symbol('Storage');
