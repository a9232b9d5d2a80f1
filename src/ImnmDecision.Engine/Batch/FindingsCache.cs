using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Shares the immutable section records of findings between rows with the same values (the clinical signs,
/// comorbidities, biopsy, antibodies and statin sections repeat a lot across a cohort), so that reading a row
/// allocates three or four objects instead of nine. One per reader; not thread-safe. Bounded in size.
/// </summary>
internal sealed class FindingsCache
{
    private const int MaxEntries = 8192;

    private readonly Dictionary<int, ClinicalFindings> clinical = [];
    private readonly Dictionary<int, ComorbidityFindings> comorbidities = [];
    private readonly Dictionary<int, BiopsyFindings> biopsies = [];
    private readonly Dictionary<long, AntibodyFindings> antibodies = [];
    private readonly Dictionary<(int Exposure, string? Drug), StatinFindings> statins = [];
    private readonly Dictionary<ulong, MyositisAntibody[]> antibodyLists = [];

    /// <summary>The shared list of the antibodies in a mask, in the contract's order.</summary>
    public MyositisAntibody[] AntibodyList(ulong mask)
    {
        if (!antibodyLists.TryGetValue(mask, out var list))
        {
            list = [.. Enum.GetValues<MyositisAntibody>().Where(a => (mask & (1UL << (int)a)) != 0)];
            antibodyLists[mask] = list;
        }

        return list;
    }

    public ClinicalFindings Clinical(in RowValues v)
    {
        var key = E(v.ProximalWeakness) | (E(v.Onset) << 4) | (B(v.Dysphagia) << 8) | (B(v.RespiratoryWeakness) << 10)
            | (B(v.CardiacSymptoms) << 12) | (B(v.Rash) << 14) | (B(v.Myalgia) << 16);
        if (!clinical.TryGetValue(key, out var found))
        {
            found = new ClinicalFindings
            {
                ProximalWeakness = v.ProximalWeakness,
                Onset = v.Onset,
                Dysphagia = v.Dysphagia,
                RespiratoryWeakness = v.RespiratoryWeakness,
                CardiacSymptoms = v.CardiacSymptoms,
                Rash = v.Rash,
                Myalgia = v.Myalgia,
            };
            Remember(clinical, key, found);
        }

        return found;
    }

    public ComorbidityFindings Comorbidities(in RowValues v)
    {
        var key = B(v.KnownMalignancy) | (B(v.InterstitialLungDisease) << 2) | (B(v.RenalImpairment) << 4)
            | (B(v.HepaticImpairment) << 6) | (B(v.Diabetes) << 8) | (B(v.ThromboembolicRisk) << 10);
        if (!comorbidities.TryGetValue(key, out var found))
        {
            found = new ComorbidityFindings
            {
                KnownMalignancy = v.KnownMalignancy,
                InterstitialLungDisease = v.InterstitialLungDisease,
                RenalImpairment = v.RenalImpairment,
                HepaticImpairment = v.HepaticImpairment,
                Diabetes = v.Diabetes,
                ThromboembolicRisk = v.ThromboembolicRisk,
            };
            Remember(comorbidities, key, found);
        }

        return found;
    }

    public BiopsyFindings Biopsy(in RowValues v)
    {
        var key = B(v.BiopsyPerformed) | (E(v.BiopsyPattern) << 2) | (B(v.Mhc1Diffuse) << 6) | (B(v.SarcolemmalMac) << 8);
        if (!biopsies.TryGetValue(key, out var found))
        {
            found = new BiopsyFindings { Performed = v.BiopsyPerformed, Pattern = v.BiopsyPattern, Mhc1Diffuse = v.Mhc1Diffuse, SarcolemmalMac = v.SarcolemmalMac };
            Remember(biopsies, key, found);
        }

        return found;
    }

    /// <summary>Antibodies; shared only when the list (if any) is one of this cache's shared lists.</summary>
    public AntibodyFindings Antibodies(in RowValues v)
    {
        long list;
        if (v.OtherMyositisSpecific is null)
        {
            list = 0;
        }
        else if (v.OtherMyositisSpecific is MyositisAntibody[] array && MaskOf(array) is var mask && antibodyLists.TryGetValue(mask, out var shared) && ReferenceEquals(shared, array))
        {
            list = (long)mask + 1;
        }
        else
        {
            return new AntibodyFindings { Hmgcr = v.Hmgcr, Srp = v.Srp, OtherMyositisSpecific = v.OtherMyositisSpecific };
        }

        var key = (long)(uint)(E(v.Hmgcr) | (E(v.Srp) << 4)) | (list << 8);
        if (!antibodies.TryGetValue(key, out var found))
        {
            found = new AntibodyFindings { Hmgcr = v.Hmgcr, Srp = v.Srp, OtherMyositisSpecific = v.OtherMyositisSpecific };
            Remember(antibodies, key, found);
        }

        return found;
    }

    public StatinFindings Statin(in RowValues v)
    {
        var key = (E(v.StatinExposure), v.StatinDrug);
        if (!statins.TryGetValue(key, out var found))
        {
            found = new StatinFindings { Exposure = v.StatinExposure, Drug = v.StatinDrug };
            Remember(statins, key, found);
        }

        return found;
    }

    private static ulong MaskOf(MyositisAntibody[] list)
    {
        var mask = 0UL;
        foreach (var antibody in list)
        {
            mask |= 1UL << (int)antibody;
        }

        return mask;
    }

    private static void Remember<TKey, TValue>(Dictionary<TKey, TValue> cache, TKey key, TValue value)
        where TKey : notnull
    {
        if (cache.Count < MaxEntries)
        {
            cache[key] = value;
        }
    }

    private static int B(bool? value) => value is null ? 0 : value.Value ? 2 : 1;

    private static int E<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is { } v ? System.Runtime.CompilerServices.Unsafe.As<TEnum, int>(ref v) + 1 : 0;
}
