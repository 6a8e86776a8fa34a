import type { Place } from '@ot/domain';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Where a parcel is or goes, as every partner sends it: all parts optional. */
export class PlacePayload {
  @IsOptional()
  @IsString()
  @MaxLength(16)
  zip?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  state?: string;
}

/**
 * The domain keys regions by the 5-digit zip prefix (Brazilian CEP sector), a lower-case city
 * without accents and an upper-case state, so "São Paulo"/"SAO PAULO" and 01310-100/01310100
 * land in the same bucket for the ETA model.
 */
export function toPlace(p: PlacePayload | undefined): Place {
  if (!p) return {};
  const place: { zipPrefix?: string; city?: string; state?: string } = {};
  const digits = p.zip?.replace(/\D/g, '');
  if (digits) place.zipPrefix = digits.slice(0, 5);
  const city = p.city
    ?.normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase();
  if (city) place.city = city;
  const state = p.state?.trim().toUpperCase();
  if (state) place.state = state;
  return place;
}
