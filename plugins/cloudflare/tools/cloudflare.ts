import { Type } from '../../../core/plugin-api.js';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateBy, ValidateNested } from '../../../core/plugin-api.js';
import { Hostname, Id, IntList } from '../../../core/plugin-api.js';
import { Nullable } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Secret, Tool } from '../../../core/plugin-api.js';

const READ = 'cloudflare:read';
const WRITE = 'cloudflare:write';

/** A Cloudflare API token: a credential, never echoed or logged. The no-spaces rule stays in validation only. */
const ApiToken = () => compose(Secret(), IsString(), Matches(/^\S+$/, { message: 'must be a token without spaces' }), MaxLength(200), SchemaExtra({ pattern: undefined }), Desc('Needs Zone:Read, DNS:Edit'));
const DomainIds = () => IntList('Domain ids', 1, 50);

/** `{"<domain_id>": ["record id", ...]}`: keys among domain_ids, values lists of record ids from the preview. */
export function isRecordMap(v: unknown): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  return Object.entries(v).every(([k, ids]) => /^[1-9]\d{0,18}$/.test(k) && Array.isArray(ids) && ids.length <= 50
    && ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 64));
}
const RecordMap = (desc: string): PropertyDecorator => (proto, key) => compose(
  IsOptional(),
  IsObject(),
  ValidateBy({ name: 'recordMap', validator: { validate: isRecordMap, defaultMessage: () => 'must map domain ids to lists of record ids, e.g. {"3": ["spf_record"]}' } }),
  ValidateBy({
    name: 'knownDomains',
    validator: {
      validate: (v, args) => {
        const ids = (args?.object as { domain_ids?: unknown }).domain_ids;
        return !isRecordMap(v) || !Array.isArray(ids) || Object.keys(v as object).every((k) => ids.includes(Number(k)));
      },
      defaultMessage: () => 'has a domain id that is not in domain_ids',
    },
  }),
  SchemaExtra({ additionalProperties: { type: 'array', items: { type: 'string' } } }),
  Desc(desc),
  // The reflected type (Object) would become a $ref in the schema; IsObject already says "object".
  () => Reflect.deleteMetadata('design:type', proto, key),
)(proto, key);

export class ZoneChoice {
  // The id comes from list_cloudflare_zones; its 32-hex shape is checked here, not spelled out in the schema.
  @Matches(/^[a-f0-9]{32}$/, { message: 'must be a 32-character Cloudflare zone id' }) @SchemaExtra({ pattern: undefined }) @Desc('From list_cloudflare_zones') zone_id: string;
  @Hostname('Zone name') zone_name: string;
  @compose(Nullable(), IsInt(), Min(1), Desc('null: create the domain')) trekmail_domain_id: number | null;
}

@Tool({ name: 'validate_cloudflare_token', keywords: 'connect cloudflare check api token', description: 'Check a Cloudflare token and its permissions', access: 'read', scope: READ, route: 'POST /cloudflare/validate-token' })
export class ValidateCloudflareToken {
  @ApiToken() api_token: string;
}

@Tool({ name: 'list_cloudflare_zones', keywords: 'cloudflare zones link', description: 'Zones a Cloudflare token sees, matched to domains', access: 'read', scope: READ, route: 'POST /cloudflare/zones' })
export class ListCloudflareZones {
  @ApiToken() api_token: string;
}

@Tool({ name: 'connect_cloudflare_domains', keywords: 'connect cloudflare account link zones', description: 'Link zones to domains (null id creates one); saves the token', access: 'write', scope: WRITE, route: 'POST /cloudflare/connect' })
export class ConnectCloudflareDomains {
  @ApiToken() api_token: string;
  @compose(IsArray(), ValidateNested({ each: true }), Type(() => ZoneChoice), ArrayMinSize(1), ArrayMaxSize(50), Desc('Zones to connect'))
  selected: ZoneChoice[];
}

@Tool({ name: 'preview_cloudflare_dns', keywords: 'what would change cloudflare dns dry run', description: 'What apply_cloudflare_dns would change, with conflicts', access: 'read', scope: READ, route: 'POST /cloudflare/preview' })
export class PreviewCloudflareDns {
  @DomainIds() domain_ids: number[];
  @RecordMap('Only these records, per domain id') included_records?: Record<string, string[]>;
}

@Tool({ name: 'apply_cloudflare_dns', keywords: 'set up mail dns records in cloudflare automatically', description: 'Write mail DNS records; conflicts replaced only if confirmed', access: 'write', scope: WRITE, route: 'POST /cloudflare/apply' })
export class ApplyCloudflareDns {
  @DomainIds() domain_ids: number[];
  @RecordMap('Conflict ids to replace, per domain id') confirmed_conflicts?: Record<string, string[]>;
  @RecordMap('Only these records, per domain id') included_records?: Record<string, string[]>;
}

@Tool({ name: 'list_cloudflare_tokens', keywords: 'saved cloudflare tokens', description: 'Saved Cloudflare tokens and their domain counts', access: 'read', scope: READ, route: 'GET /cloudflare/tokens' })
export class ListCloudflareTokens {}

@Tool({ name: 'delete_cloudflare_token', keywords: 'remove saved cloudflare token', description: 'Delete a saved token; its domains lose the link', access: 'destructive', gate: 'destructive', scope: 'cloudflare:delete', route: 'DELETE /cloudflare/tokens/{token_id}' })
export class DeleteCloudflareToken {
  @Id('Token') token_id: number;
}
