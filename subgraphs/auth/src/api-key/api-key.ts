import { Field, ID, ObjectType } from 'type-graphql';
import type { ApiKeyRecord } from './api-key.model';

@ObjectType({
  description: 'A key a third-party client sends as `x-api-key`; the secret is never shown again.',
})
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The visible start of the secret, to tell keys apart.' })
  prefix!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field({ description: 'The whole secret. Shown only in this response: store it now.' })
  secret!: string;
}

export function toApiKey(record: ApiKeyRecord): ApiKey {
  return {
    id: record._id.toHexString(),
    name: record.name,
    prefix: record.prefix,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
  };
}
