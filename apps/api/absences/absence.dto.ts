import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  ABSENCE_KINDS,
  CONTACT_CHANNELS,
  CONTACT_PARTIES,
  MANUAL_CONCERN_LEVELS,
  type AbsenceKind,
  type ContactChannel,
  type ContactParty,
  type ManualConcernLevel,
} from '#domain/events/values.js';
import { ID_PATTERN, IsDateOrInstant, IsIsoDate } from '../common/dto-rules.js';

/**
 * The fields of one registration. `lessons` for `lesson` and `minutes` for `late`/`left-early` are
 * required by the contract as input (400 naming the field), not by a domain rule (api.md, Absence).
 */
export class AbsenceFieldsDto {
  @ApiProperty({ enum: ABSENCE_KINDS, example: 'day' }) @IsIn(ABSENCE_KINDS) kind!: AbsenceKind;
  @ApiPropertyOptional({ minimum: 1, description: 'For `lesson` (required there): how many single lessons.' })
  @ValidateIf((o: AbsenceFieldsDto) => o.kind === 'lesson' || o.lessons !== undefined)
  @IsDefined({ message: 'lessons is required for a lesson absence' })
  @IsInt()
  @Min(1)
  @Max(20)
  lessons?: number;
  @ApiPropertyOptional({ example: 'Matematikk' }) @IsOptional() @IsString() @MaxLength(200) subject?: string;
  @ApiPropertyOptional({ minimum: 1, description: 'For `late` and `left-early` (required there).' })
  @ValidateIf((o: AbsenceFieldsDto) => o.kind === 'late' || o.kind === 'left-early' || o.minutes !== undefined)
  @IsDefined({ message: 'minutes is required for a late arrival or leaving early' })
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes?: number;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() documented?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() reportedByGuardian?: boolean;
  @ApiPropertyOptional({ example: 'Syk' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class RegisterAbsenceDto extends AbsenceFieldsDto {
  @ApiProperty({ example: '2026-11-23' }) @IsIsoDate() date!: string;
}

/** The changed fields of a registration and why it is corrected (`reason`). */
export class CorrectAbsenceDto {
  @ApiPropertyOptional({ example: '2026-11-24' }) @IsOptional() @IsIsoDate() date?: string;
  @ApiPropertyOptional({ enum: ABSENCE_KINDS }) @IsOptional() @IsIn(ABSENCE_KINDS) kind?: AbsenceKind;
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(20) lessons?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) subject?: string;
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(1440) minutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() documented?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() reportedByGuardian?: boolean;
  @ApiProperty({ example: 'Feil dato registrert', description: 'Why the registration is corrected.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class RetractAbsenceDto {
  @ApiProperty({ example: 'Registrert på feil elev' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class ReceiveDocumentationDto {
  @ApiPropertyOptional({ example: 'Legeerklæring mottatt' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ConcernOverrideDto {
  @ApiProperty({ enum: MANUAL_CONCERN_LEVELS, example: 'yellow' }) @IsIn(MANUAL_CONCERN_LEVELS) level!: ManualConcernLevel;
  @ApiProperty({ example: 'Mye udokumentert fravær som bekymrer skolen' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ example: '2027-01-31', description: 'The last date the raised level holds; without it, until withdrawn.' })
  @IsOptional()
  @IsIsoDate()
  until?: string;
}

export class WithdrawOverrideDto {
  @ApiProperty({ example: 'Fraværet har gått ned; planens regler gjelder igjen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/** POST /students/:studentId/contacts: a contact outside any case. */
export class StudentContactDto {
  @ApiProperty({ enum: CONTACT_PARTIES }) @IsIn(CONTACT_PARTIES) with!: ContactParty;
  @ApiProperty({ enum: CONTACT_CHANNELS }) @IsIn(CONTACT_CHANNELS) channel!: ContactChannel;
  @ApiProperty({ example: '2026-11-23T08:45:00Z' }) @IsDateOrInstant() at!: string;
  @ApiProperty({ example: 'Ringte far: eleven er syk i dag.' }) @IsString() @IsNotEmpty() @MaxLength(4000) summary!: string;
  @ApiPropertyOptional({ type: [String], description: 'The registrations the contact is about.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: 'each must be an id of letters, digits, - _ .' })
  absenceIds?: string[];
}
