import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { IsId, IsIsoDate } from '../common/dto-rules.js';
import { AbsenceFieldsDto } from '../absences/absence.dto.js';

export class RollCallRowDto extends AbsenceFieldsDto {
  @ApiProperty({ example: 'elev-0042' }) @IsId() studentId!: string;
}

/** POST /schools/:schoolId/groups/:groupId/roll-calls: a whole class's absence for one date. */
export class RollCallDto {
  @ApiProperty({ example: '2026-11-23' }) @IsIsoDate() date!: string;
  @ApiProperty({ type: [RollCallRowDto], description: 'The students away (or late) that day; the others were present.' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RollCallRowDto)
  absences!: RollCallRowDto[];
}
