/**
 * Valid Drive arguments the schema alone can't synthesise: bulk actions need at least one id in file_ids or
 * folder_ids (both lists are sent), and drive_folder_update needs name or color (cross-field rules).
 */
export const EXAMPLES_DRIVE: Record<string, Record<string, unknown>> = {
  drive_bulk_trash: { space: 'account', file_ids: [1], folder_ids: [] },
  drive_bulk_restore: { space: 'account', file_ids: [1], folder_ids: [] },
  drive_bulk_move: { space: 'account', file_ids: [1], folder_ids: [2], target_folder_id: null },
  drive_bulk_purge: { space: 'mailbox:1', file_ids: [], folder_ids: [2] },
  drive_folder_update: { folder_id: 1, name: 'Renamed' },
};
