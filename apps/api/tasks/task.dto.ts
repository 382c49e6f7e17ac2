import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoDate } from '../common/dto-rules.js';

export class CompleteTaskDto {
  @ApiProperty({ example: '2026-11-23', description: 'The day the step was done.' }) @IsIsoDate() on!: string;
  @ApiPropertyOptional({ example: 'Varslet rektor og sosiallærer muntlig' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class WaiveTaskDto {
  @ApiProperty({ example: 'Eleven har fått tilrettelegging gjennom helsesykepleier' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
