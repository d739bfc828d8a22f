/** Where the queue dashboard is mounted (its own file: auth.ts needs it without loading Bull Board). */
export const BOARD_PATH = '/admin/queues';
