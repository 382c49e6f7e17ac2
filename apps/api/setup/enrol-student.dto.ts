import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsId, IsIsoDate } from '../common/dto-rules.js';

export class EnrolStudentDto {
  @ApiProperty({ example: 'elev-0042' }) @IsId() id!: string;
  @ApiProperty({ example: 'Kari Nordmann' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ minimum: 1, maximum: 10, example: 8 }) @IsInt() @Min(1) @Max(10) grade!: number;
  @ApiProperty({ example: '8A' }) @IsId() group!: string;
  @ApiPropertyOptional({
    example: '2011-04-17',
    description: "A student's own consent counts from 15; without a birth date a guardian consents.",
  })
  @IsOptional()
  @IsIsoDate()
  birthDate?: string;
}
