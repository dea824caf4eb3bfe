import { Type } from '../../../core/plugin-api.js';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { Int, IntList, Text } from '../../../core/plugin-api.js';
import { FileId, ItemName, OptionalFolder, Space, WRITE } from './params.js';

/** S3's limits: 10,000 parts, 5 TiB per object. */
export const MAX_PARTS = 10_000;
export const MAX_BYTES = 5 * 1024 ** 4;

/** One uploaded part (the array's description says what it is). */
export class UploadPart {
  @compose(IsInt(), Min(1), Max(MAX_PARTS), SchemaExtra({ minimum: undefined, maximum: undefined })) part_number: number;
  @compose(IsString(), MinLength(1), MaxLength(200)) etag: string;
}

@Tool({
  name: 'drive_upload_initiate', description: 'Start an upload: file id and PUT URL(s)',
  access: 'write', scope: WRITE, route: 'POST /drive/spaces/{space}/uploads:initiate',
})
export class DriveUploadInitiate {
  @Space() space: string;
  @ItemName('Name') name: string;
  // The 5 TiB cap stays in validation; no real file reaches it, so the schema does not spend bytes on it.
  @Int('Bytes', 0, MAX_BYTES) @SchemaExtra({ maximum: undefined }) size_bytes: number;
  @OptionalFolder('Default: root') folder_id?: number | null = null;
  @Text('Client MIME', 255, true) client_mime?: string;
}

@Tool({ name: 'drive_upload_complete', description: 'Finish an upload after the PUTs', access: 'write', scope: WRITE, route: 'POST /drive/uploads/{file_id}:complete' })
export class DriveUploadComplete {
  @FileId() file_id: number;
  @compose(IsOptional(), IsArray(), ValidateNested({ each: true }), Type(() => UploadPart), ArrayMinSize(1), ArrayMaxSize(MAX_PARTS), Desc('Multipart: each PUT\'s ETag, unquoted'))
  parts?: UploadPart[];
}

@Tool({ name: 'drive_upload_refresh_parts', description: 'New URLs for an upload\'s expired parts', access: 'write', scope: WRITE, route: 'POST /drive/uploads/{file_id}:refresh-parts' })
export class DriveUploadRefreshParts {
  @FileId() file_id: number;
  @IntList('Part numbers', 1, MAX_PARTS) part_numbers: number[];
}

@Tool({ name: 'drive_upload_abort', description: 'Cancel an unfinished upload, freeing quota', access: 'write', scope: WRITE, route: 'POST /drive/uploads/{file_id}:abort' })
export class DriveUploadAbort {
  @FileId() file_id: number;
}
