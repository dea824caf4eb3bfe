import { Type } from '../../../core/plugin-api.js';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Int, IntList, Text } from '../../../core/plugin-api.js';
import { FileId, ItemName, OptionalFolder, Space, WRITE } from './params.js';

/** S3's limits: 10,000 parts, 5 TiB per object. */
export const MAX_PARTS = 10_000;
export const MAX_BYTES = 5 * 1024 ** 4;

/** One uploaded part (the array's description says what it is). */
export class UploadPart {
  @compose(IsInt(), Min(1), Max(MAX_PARTS)) part_number: number;
  @compose(IsString(), MinLength(1), MaxLength(200)) etag: string;
}

@Tool({
  name: 'drive_upload_initiate', description: 'Start an upload: reserves quota, answers the file id and one PUT URL (or part URLs for a large file).',
  access: 'write', scope: WRITE, route: 'POST /drive/spaces/{space}/uploads:initiate',
})
export class DriveUploadInitiate {
  @Space() space: string;
  @ItemName('File name, 1-255 chars') name: string;
  @Int('File size in bytes', 0, MAX_BYTES) size_bytes: number;
  @OptionalFolder('Folder id; null (default): root') folder_id?: number | null = null;
  @Text('MIME type, e.g. application/pdf', 255, true) client_mime?: string;
}

@Tool({ name: 'drive_upload_complete', description: 'Finish an upload once its bytes are PUT; a multipart upload lists its parts.', access: 'write', scope: WRITE, route: 'POST /drive/uploads/{file_id}:complete' })
export class DriveUploadComplete {
  @FileId() file_id: number;
  @compose(IsOptional(), IsArray(), ValidateNested({ each: true }), Type(() => UploadPart), ArrayMinSize(1), ArrayMaxSize(MAX_PARTS), Desc('Multipart only: part_number and the ETag each PUT answered, without quotes'))
  parts?: UploadPart[];
}

@Tool({ name: 'drive_upload_refresh_parts', description: 'New PUT URLs for parts of a multipart upload whose URLs expired.', access: 'write', scope: WRITE, route: 'POST /drive/uploads/{file_id}:refresh-parts' })
export class DriveUploadRefreshParts {
  @FileId() file_id: number;
  @IntList('Part numbers', 1, MAX_PARTS) part_numbers: number[];
}

@Tool({ name: 'drive_upload_abort', description: 'Cancel an unfinished upload, releasing its reserved quota.', access: 'write', scope: WRITE, route: 'POST /drive/uploads/{file_id}:abort' })
export class DriveUploadAbort {
  @FileId() file_id: number;
}
