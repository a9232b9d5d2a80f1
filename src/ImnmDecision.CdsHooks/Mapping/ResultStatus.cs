namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>Which result statuses count: final, amended and corrected results (and appended reports) are used.</summary>
internal static class ResultStatus
{
    /// <summary>Whether an Observation with this status is a usable result.</summary>
    public static bool IsUsableObservation(string? status) => status is "final" or "amended" or "corrected";

    /// <summary>Whether a DiagnosticReport with this status is a usable report.</summary>
    public static bool IsUsableReport(string? status) => status is "final" or "amended" or "corrected" or "appended";

    /// <summary>Why a result with this status was not used, for the card.</summary>
    public static string Describe(string? status) => status switch
    {
        "preliminary" or "registered" or "partial" => $"{status}, not yet final",
        "cancelled" => "cancelled",
        "entered-in-error" => "entered in error",
        null or "" => "without a status",
        _ => $"status {Safe.Code(status)}",
    };
}
