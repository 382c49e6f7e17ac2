import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CONSENT_PURPOSES,
  CONSENT_RELATIONS,
  CONTACT_CHANNELS,
  CONTACT_PARTIES,
  EVALUATION_OUTCOMES,
  MEETING_TYPES,
  REFERRAL_KINDS,
  REFERRAL_TARGETS,
  type ConsentPurpose,
  type ConsentRelation,
  type ContactChannel,
  type ContactParty,
  type EvaluationOutcome,
  type MeetingType,
  type ReferralKind,
  type ReferralTarget,
} from '#domain/events/values.js';
import { IsDateOrInstant, IsId, IsIsoDate } from '../common/dto-rules.js';

const TEXT = 20_000;
const SHORT = 200;

export class PersonDto {
  @ApiProperty({ example: 'Ola Lærer' }) @IsString() @IsNotEmpty() @MaxLength(SHORT) name!: string;
  @ApiProperty({ example: 'contact-teacher' }) @IsString() @IsNotEmpty() @MaxLength(SHORT) role!: string;
}

export class OpenCaseDto {
  @ApiProperty({ example: 'elev-0042' }) @IsId() studentId!: string;
  @ApiPropertyOptional({ example: 'Bekymringsfullt fravær' }) @IsOptional() @IsString() @MaxLength(TEXT) reason?: string;
  @ApiPropertyOptional({ example: '2026-11-23' }) @IsOptional() @IsIsoDate() openedOn?: string;
  @ApiPropertyOptional({ minimum: 1, example: 2, description: "The phase the case opens in; default the plan's (Bærum: 2, the others 1)." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  phase?: number;
}

export class RecordContactDto {
  @ApiProperty({ enum: CONTACT_PARTIES }) @IsIn(CONTACT_PARTIES) with!: ContactParty;
  @ApiProperty({ enum: CONTACT_CHANNELS }) @IsIn(CONTACT_CHANNELS) channel!: ContactChannel;
  @ApiProperty({ example: '2026-11-23T09:30:00Z' }) @IsDateOrInstant() at!: string;
  @ApiProperty({ example: 'Ringte mor; eleven har vondt i magen om morgenen.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT)
  summary!: string;
  @ApiPropertyOptional({ example: 'Synes det er vanskelig i friminuttene.' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  studentView?: string;
}

export class HoldMeetingDto {
  @ApiProperty({ enum: MEETING_TYPES }) @IsIn(MEETING_TYPES) type!: MeetingType;
  @ApiProperty({ example: '2026-11-25T13:00:00Z' }) @IsDateOrInstant() heldAt!: string;
  @ApiProperty({ type: [PersonDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  participants!: PersonDto[];
  @ApiProperty({ example: 'Referat: enige om tiltak …' }) @IsString() @IsNotEmpty() @MaxLength(TEXT) minutes!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) studentView?: string;
}

export class MappingDomainsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) individual?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) family?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) social?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) school?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) community?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) society?: string;
}

export class RecordMappingDto {
  @ApiProperty({ type: MappingDomainsDto }) @IsObject() @ValidateNested() @Type(() => MappingDomainsDto) domains!: MappingDomainsDto;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) summary!: string;
}

export class AgreeMeasureDto {
  @ApiProperty({ example: 'Fast morgenmøte med kontaktlærer' }) @IsString() @IsNotEmpty() @MaxLength(TEXT) description!: string;
  @ApiProperty({ type: PersonDto }) @IsObject() @ValidateNested() @Type(() => PersonDto) responsible!: PersonDto;
  @ApiProperty({ example: '2026-11-24' }) @IsIsoDate() startsOn!: string;
  @ApiProperty({ example: '2026-12-15' }) @IsIsoDate() evaluateBy!: string;
}

export class EvaluateMeasureDto {
  @ApiProperty({ enum: EVALUATION_OUTCOMES }) @IsIn(EVALUATION_OUTCOMES) outcome!: EvaluationOutcome;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) note!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) studentView?: string;
}

export class ConsentGiverDto {
  @ApiProperty({ example: 'Kari Nordmann' }) @IsString() @IsNotEmpty() @MaxLength(SHORT) name!: string;
  @ApiProperty({ enum: CONSENT_RELATIONS }) @IsIn(CONSENT_RELATIONS) relation!: ConsentRelation;
}

export class GiveConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES }) @IsIn(CONSENT_PURPOSES) purpose!: ConsentPurpose;
  @ApiProperty({ example: ['PPT Bærum'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(SHORT, { each: true })
  recipients!: string[];
  @ApiPropertyOptional({ type: ConsentGiverDto, description: 'Required, except from a guardian: then it is that guardian.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentGiverDto)
  givenBy?: ConsentGiverDto;
  @ApiProperty({ example: '2026-11-23' }) @IsDateOrInstant() givenAt!: string;
}

export class WithdrawConsentDto {
  @ApiProperty({ example: '2026-12-01' }) @IsDateOrInstant() at!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) note?: string;
}

export class MakeReferralDto {
  @ApiProperty({ enum: REFERRAL_TARGETS }) @IsIn(REFERRAL_TARGETS) to!: ReferralTarget;
  @ApiProperty({ enum: REFERRAL_KINDS }) @IsIn(REFERRAL_KINDS) kind!: ReferralKind;
  @ApiProperty({ example: '2026-11-30' }) @IsDateOrInstant() at!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) note!: string;
}

export class ChangePhaseDto {
  @ApiProperty({ minimum: 1, maximum: 4, example: 2 }) @IsInt() @Min(1) @Max(10) phase!: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) reason!: string;
}

export class ReturnPlanDto {
  @ApiProperty({ example: ['Delta i første time tre dager i uka'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(TEXT, { each: true })
  goals!: string[];
  @ApiProperty({ type: PersonDto }) @IsObject() @ValidateNested() @Type(() => PersonDto) presenceGuide!: PersonDto;
  @ApiProperty({ example: '2026-12-01' }) @IsIsoDate() startsOn!: string;
}

export class CloseCaseDto {
  @ApiProperty({ example: 'resolved' }) @IsString() @IsNotEmpty() @MaxLength(SHORT) outcome!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) note!: string;
}

export class ReopenCaseDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) reason!: string;
}
