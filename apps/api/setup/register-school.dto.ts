import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SCHOOL_LEVELS, type SchoolLevel } from '#domain/events/values.js';
import { builtInPlans } from '#domain/plans/index.js';
import { IsId, IsIsoDate } from '../common/dto-rules.js';

export class SchoolBreakDto {
  @ApiProperty({ example: '2026-12-21' }) @IsIsoDate() from!: string;
  @ApiProperty({ example: '2027-01-01' }) @IsIsoDate() to!: string;
  @ApiProperty({ example: 'Juleferie' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

export class SchoolYearDto {
  @ApiProperty({ example: '2026-08-17' }) @IsIsoDate() start!: string;
  @ApiProperty({ example: '2027-06-18' }) @IsIsoDate() end!: string;
  @ApiPropertyOptional({ type: [SchoolBreakDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SchoolBreakDto)
  breaks?: SchoolBreakDto[];
}

export class RegisterSchoolDto {
  @ApiProperty({ example: 'smoras' }) @IsId() id!: string;
  @ApiProperty({ example: 'Smørås skole' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: '4601' }) @IsId() municipalityId!: string;
  @ApiProperty({ enum: SCHOOL_LEVELS }) @IsIn(SCHOOL_LEVELS) level!: SchoolLevel;
  @ApiProperty({ example: 'bergen-smoras', enum: builtInPlans.map((p) => p.id) })
  @IsIn(builtInPlans.map((p) => p.id))
  planId!: string;
  @ApiProperty({ type: SchoolYearDto }) @ValidateNested() @Type(() => SchoolYearDto) schoolYear!: SchoolYearDto;
}
