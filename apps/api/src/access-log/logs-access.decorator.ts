import { SetMetadata } from '@nestjs/common';

export const LOGGED_READ = 'tte:logged-read';

/** The route reads identifiable patient data: each call goes to the access log under this action. */
export const LogsAccess = (action: string) => SetMetadata(LOGGED_READ, action);
