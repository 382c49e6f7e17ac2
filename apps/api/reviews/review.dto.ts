import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ID_PATTERN, IsId, IsIsoDate } from '../common/dto-rules.js';
import { PersonDto } from '../cases/case.dto.js';

/** POST /schools/:schoolId/reviews: a routine review held (api.md, Read models). */
export class RecordReviewDto {
  @ApiProperty({ example: 'bergen-weekly-overview', description: "The id of one of the plan's review routines (GET /plans)." })
  @IsId()
  routineId!: string;
  @ApiProperty({ example: '2026-11-20' }) @IsIsoDate() heldOn!: string;
  @ApiPropertyOptional({ example: '5A', description: 'The group, for a routine held per group.' }) @IsOptional() @IsId() groupId?: string;
  @ApiProperty({ type: [PersonDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  participants!: PersonDto[];
  @ApiProperty({ example: 'Gikk gjennom fraværet i 5A; to elever følges opp.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  minutes!: string;
  @ApiPropertyOptional({ type: [String], description: 'The students discussed.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: 'each must be an id of letters, digits, - _ .' })
  studentIds?: string[];
}
