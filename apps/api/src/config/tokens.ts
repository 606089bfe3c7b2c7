/** Injection tokens of the API's own providers. */
export const EVENT_STORE = Symbol('EventStore');
export const APP_CONFIG = Symbol('AppConfig');
export const CLOCK = Symbol('Clock');
export const SQL_CLIENT = Symbol('SqlClient');
export const COURSE_VIEWS_RUNNER = Symbol('CourseViewsRunner');
/** The embedded store's thread (a DatabaseThread), or null on a database server. */
export const DATABASE_THREAD = Symbol('DatabaseThread');
