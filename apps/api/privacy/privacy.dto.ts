import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ERASURE_BASES, type ErasureBasis } from '#domain/events/values.js';

export class EraseStudentDto {
  @ApiProperty({
    example: 'Foresattes krav om sletting, sak 2026/1234',
    description:
      'Why, as a reference a person can follow up (an archive case number): kept after the erasure, so it must not name the student.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;

  @ApiProperty({
    enum: ERASURE_BASES,
    description: 'GDPR art. 17(1) (a)–(f), or `retention` for a retention rule an admin approved.',
  })
  @IsIn(ERASURE_BASES)
  legalBasis!: ErasureBasis;
}

export class BlockCaseDto {
  @ApiProperty({ example: 'Avlevert til arkiv; sperret etter krav om sletting' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
