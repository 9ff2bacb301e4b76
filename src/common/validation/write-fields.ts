import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

// The validators are listed in the order stacked decorators would register them (bottom-up), so
// that with stopAtFirstError the same one reports first.

/** `created_by` / `modified_by` of a write: free text up to 255 characters, 'Not Provided' when absent. */
export function AuthorField(): PropertyDecorator {
  return applyDecorators(IsString(), MaxLength(255), IsOptional(), ApiPropertyOptional({ type: String, nullable: true, maxLength: 255, default: 'Not Provided' }));
}

/** `etag` in a write's body: the version the write is based on, the alternative to `If-Match`. */
export function BodyEtagField(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    MaxLength(64),
    IsOptional(),
    ApiPropertyOptional({
      type: String,
      nullable: true,
      // Not `format: uuid`: it may come quoted, as in If-Match.
      description: 'The etag this write is based on (alternative to the If-Match header, quoted or not). Required by a PUT that updates.',
    }),
  );
}
