using System.Runtime.CompilerServices;
using System.Text.Json;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Reads the common shape of a case straight from UTF-8 JSON: known properties spelled exactly, each once,
/// JSON numbers, booleans, nulls, and enum values in their contract spelling. Anything else (an unknown or
/// repeated property, a value of another type or spelling, escaped names, broken syntax) returns false, and
/// the caller reads the record with System.Text.Json and the contract's options instead, which accepts or
/// rejects it exactly as the single-case endpoint does. So this is only a faster route to the same result.
/// </summary>
internal static class FastFindingsParser
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 16 };

    [MethodImpl(PerRow.Optimized)]
    public static bool TryParse(ReadOnlySpan<byte> json, AntibodyLists lists, out FindingValues values)
    {
        values = default;
        var reader = new Utf8JsonReader(json, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var seen = 0UL;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped)
                {
                    return false;
                }

                var name = reader.ValueSpan;
                if (name.SequenceEqual("caseId"u8))
                {
                    if (!Claim(ref seen, 63) || !reader.Read() || !String(ref reader, out values.CaseId))
                    {
                        return false;
                    }

                    continue;
                }

                var section = Section(name);
                if (section < 0 || !Claim(ref seen, 56 + section) || !reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject || !ReadSection(ref reader, section, ref values, ref seen, lists))
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return true;
    }

    private static int Section(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("ck"u8) => 1,
        6 when name.SequenceEqual("biopsy"u8) => 3,
        6 when name.SequenceEqual("statin"u8) => 4,
        7 when name.SequenceEqual("patient"u8) => 0,
        8 when name.SequenceEqual("clinical"u8) => 5,
        10 when name.SequenceEqual("antibodies"u8) => 2,
        13 when name.SequenceEqual("comorbidities"u8) => 6,
        _ => -1,
    };

    [MethodImpl(PerRow.Optimized)]
    private static bool ReadSection(ref Utf8JsonReader reader, int section, ref FindingValues v, ref ulong seen, AntibodyLists lists)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var column = Column(section, reader.ValueSpan);
            if (column is null || !Claim(ref seen, (int)column.Value) || !reader.Read() || !Value(ref reader, column.Value, ref v, lists))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static FindingsColumn? Column(int section, ReadOnlySpan<byte> name) => section switch
    {
        0 => name.SequenceEqual("ageYears"u8) ? FindingsColumn.PatientAgeYears
            : name.SequenceEqual("sex"u8) ? FindingsColumn.PatientSex
            : name.SequenceEqual("weightKg"u8) ? FindingsColumn.PatientWeightKg
            : name.SequenceEqual("pregnant"u8) ? FindingsColumn.PatientPregnant : null,
        1 => name.SequenceEqual("value"u8) ? FindingsColumn.CkValue
            : name.SequenceEqual("unit"u8) ? FindingsColumn.CkUnit
            : name.SequenceEqual("upperLimitOfNormal"u8) ? FindingsColumn.CkUpperLimitOfNormal : null,
        2 => name.SequenceEqual("hmgcr"u8) ? FindingsColumn.AntibodiesHmgcr
            : name.SequenceEqual("srp"u8) ? FindingsColumn.AntibodiesSrp
            : name.SequenceEqual("otherMyositisSpecific"u8) ? FindingsColumn.AntibodiesOtherMyositisSpecific : null,
        3 => name.SequenceEqual("performed"u8) ? FindingsColumn.BiopsyPerformed
            : name.SequenceEqual("pattern"u8) ? FindingsColumn.BiopsyPattern
            : name.SequenceEqual("mhc1Diffuse"u8) ? FindingsColumn.BiopsyMhc1Diffuse
            : name.SequenceEqual("sarcolemmalMac"u8) ? FindingsColumn.BiopsySarcolemmalMac : null,
        4 => name.SequenceEqual("exposure"u8) ? FindingsColumn.StatinExposure
            : name.SequenceEqual("drug"u8) ? FindingsColumn.StatinDrug : null,
        5 => name.SequenceEqual("proximalWeakness"u8) ? FindingsColumn.ClinicalProximalWeakness
            : name.SequenceEqual("onset"u8) ? FindingsColumn.ClinicalOnset
            : name.SequenceEqual("dysphagia"u8) ? FindingsColumn.ClinicalDysphagia
            : name.SequenceEqual("respiratoryWeakness"u8) ? FindingsColumn.ClinicalRespiratoryWeakness
            : name.SequenceEqual("cardiacSymptoms"u8) ? FindingsColumn.ClinicalCardiacSymptoms
            : name.SequenceEqual("rash"u8) ? FindingsColumn.ClinicalRash
            : name.SequenceEqual("myalgia"u8) ? FindingsColumn.ClinicalMyalgia : null,
        _ => name.SequenceEqual("knownMalignancy"u8) ? FindingsColumn.ComorbiditiesKnownMalignancy
            : name.SequenceEqual("interstitialLungDisease"u8) ? FindingsColumn.ComorbiditiesInterstitialLungDisease
            : name.SequenceEqual("renalImpairment"u8) ? FindingsColumn.ComorbiditiesRenalImpairment
            : name.SequenceEqual("hepaticImpairment"u8) ? FindingsColumn.ComorbiditiesHepaticImpairment
            : name.SequenceEqual("diabetes"u8) ? FindingsColumn.ComorbiditiesDiabetes
            : name.SequenceEqual("thromboembolicRisk"u8) ? FindingsColumn.ComorbiditiesThromboembolicRisk : null,
    };

    [MethodImpl(PerRow.Optimized)]
    private static bool Value(ref Utf8JsonReader reader, FindingsColumn column, ref FindingValues v, AntibodyLists lists) => column switch
    {
        FindingsColumn.PatientAgeYears => Number(ref reader, out v.AgeYears),
        FindingsColumn.PatientSex => Enum(ref reader, out v.Sex),
        FindingsColumn.PatientWeightKg => Number(ref reader, out v.WeightKg),
        FindingsColumn.PatientPregnant => Boolean(ref reader, out v.Pregnant),
        FindingsColumn.CkValue => Number(ref reader, out v.CkValue),
        FindingsColumn.CkUnit => Enum(ref reader, out v.CkUnit),
        FindingsColumn.CkUpperLimitOfNormal => Number(ref reader, out v.CkUpperLimitOfNormal),
        FindingsColumn.AntibodiesHmgcr => Enum(ref reader, out v.Hmgcr),
        FindingsColumn.AntibodiesSrp => Enum(ref reader, out v.Srp),
        FindingsColumn.AntibodiesOtherMyositisSpecific => Antibodies(ref reader, lists, out v.OtherMyositisSpecific),
        FindingsColumn.BiopsyPerformed => Boolean(ref reader, out v.BiopsyPerformed),
        FindingsColumn.BiopsyPattern => Enum(ref reader, out v.BiopsyPattern),
        FindingsColumn.BiopsyMhc1Diffuse => Boolean(ref reader, out v.Mhc1Diffuse),
        FindingsColumn.BiopsySarcolemmalMac => Boolean(ref reader, out v.SarcolemmalMac),
        FindingsColumn.StatinExposure => Enum(ref reader, out v.StatinExposure),
        FindingsColumn.StatinDrug => String(ref reader, out v.StatinDrug),
        FindingsColumn.ClinicalProximalWeakness => Enum(ref reader, out v.ProximalWeakness),
        FindingsColumn.ClinicalOnset => Enum(ref reader, out v.Onset),
        FindingsColumn.ClinicalDysphagia => Boolean(ref reader, out v.Dysphagia),
        FindingsColumn.ClinicalRespiratoryWeakness => Boolean(ref reader, out v.RespiratoryWeakness),
        FindingsColumn.ClinicalCardiacSymptoms => Boolean(ref reader, out v.CardiacSymptoms),
        FindingsColumn.ClinicalRash => Boolean(ref reader, out v.Rash),
        FindingsColumn.ClinicalMyalgia => Boolean(ref reader, out v.Myalgia),
        FindingsColumn.ComorbiditiesKnownMalignancy => Boolean(ref reader, out v.KnownMalignancy),
        FindingsColumn.ComorbiditiesInterstitialLungDisease => Boolean(ref reader, out v.InterstitialLungDisease),
        FindingsColumn.ComorbiditiesRenalImpairment => Boolean(ref reader, out v.RenalImpairment),
        FindingsColumn.ComorbiditiesHepaticImpairment => Boolean(ref reader, out v.HepaticImpairment),
        FindingsColumn.ComorbiditiesDiabetes => Boolean(ref reader, out v.Diabetes),
        FindingsColumn.ComorbiditiesThromboembolicRisk => Boolean(ref reader, out v.ThromboembolicRisk),
        _ => false,
    };

    private static bool Claim(ref ulong seen, int bit)
    {
        var mask = 1UL << bit;
        if ((seen & mask) != 0)
        {
            return false; // Repeated: System.Text.Json decides what that means.
        }

        seen |= mask;
        return true;
    }

    [MethodImpl(PerRow.Optimized)]
    private static bool Number(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        return false;
    }

    [MethodImpl(PerRow.Optimized)]
    private static bool Boolean(ref Utf8JsonReader reader, out bool? value)
    {
        value = reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };
        return value is not null || reader.TokenType == JsonTokenType.Null;
    }

    [MethodImpl(PerRow.Optimized)]
    private static bool String(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        value = reader.GetString();
        return true;
    }

    [MethodImpl(PerRow.Optimized)]
    private static bool Enum<TEnum>(ref Utf8JsonReader reader, out TEnum? value)
        where TEnum : struct, Enum
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !Utf8Names<TEnum>.TryParse(reader.ValueSpan, out var ordinal))
        {
            return false;
        }

        value = System.Runtime.CompilerServices.Unsafe.As<int, TEnum>(ref ordinal);
        return true;
    }

    [MethodImpl(PerRow.Optimized)]
    private static bool Antibodies(ref Utf8JsonReader reader, AntibodyLists lists, out IReadOnlyList<MyositisAntibody>? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var mask = 0UL;
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueIsEscaped || !Utf8Names<MyositisAntibody>.TryParse(reader.ValueSpan, out var ordinal) || (mask & (1UL << ordinal)) != 0)
            {
                return false;
            }

            mask |= 1UL << ordinal;
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            return false;
        }

        value = lists.For(mask);
        return true;
    }
}
