namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// The status policy: <c>final</c>, <c>amended</c>, <c>corrected</c> and <c>preliminary</c> results are used
/// (a preliminary one with a note); <c>unknown</c> is used with a note; <c>entered-in-error</c> and
/// <c>cancelled</c> are ignored; <c>registered</c> (no result yet) and anything else are not used. Reports
/// also accept <c>appended</c> and <c>partial</c> like <c>amended</c> and <c>preliminary</c>.
/// </summary>
internal static class ResultStatus
{
    /// <summary>Whether an Observation with this status is a usable result.</summary>
    public static bool IsUsableObservation(string? status) => status is "final" or "amended" or "corrected" or "preliminary" or "unknown";

    /// <summary>Whether a DiagnosticReport with this status is a usable report.</summary>
    public static bool IsUsableReport(string? status) => status is "final" or "amended" or "corrected" or "appended" or "preliminary" or "partial" or "unknown";

    /// <summary>The note that goes with a usable result of this status, or <c>null</c>.</summary>
    public static string? Caveat(string? status) => status switch
    {
        "preliminary" or "partial" => "preliminary result",
        "unknown" => "status unknown in the record",
        _ => null,
    };

    /// <summary>Why a result with this status was not used, for the card.</summary>
    public static string Describe(string? status) => status switch
    {
        "registered" => "registered, no result yet",
        "cancelled" => "cancelled",
        "entered-in-error" => "entered in error",
        null or "" => "without a status",
        _ => $"status {Safe.Code(status)}",
    };
}
