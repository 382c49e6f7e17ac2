import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsId } from '../common/dto-rules.js';

export class EnrolStudentDto {
  @ApiProperty({ example: 'elev-0042' }) @IsId() id!: string;
  @ApiProperty({ example: 'Kari Nordmann' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ minimum: 1, maximum: 10, example: 8 }) @IsInt() @Min(1) @Max(10) grade!: number;
  @ApiProperty({ example: '8A' }) @IsId() group!: string;
}
