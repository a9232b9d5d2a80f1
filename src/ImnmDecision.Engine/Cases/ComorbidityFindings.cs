namespace ImnmDecision.Engine.Cases;

/// <summary>Conditions that change the workup or the treatment options.</summary>
public sealed record ComorbidityFindings
{
    /// <summary>A known malignancy.</summary>
    public bool? KnownMalignancy { get; init; }

    /// <summary>Known interstitial lung disease.</summary>
    public bool? InterstitialLungDisease { get; init; }

    /// <summary>Renal impairment.</summary>
    public bool? RenalImpairment { get; init; }

    /// <summary>Hepatic impairment.</summary>
    public bool? HepaticImpairment { get; init; }

    /// <summary>Diabetes mellitus.</summary>
    public bool? Diabetes { get; init; }

    /// <summary>Raised thromboembolic risk.</summary>
    public bool? ThromboembolicRisk { get; init; }
}
