namespace ImnmDecision.Api.Hosting;

/// <summary>
/// The exit codes of the API process when it cannot start, stable for orchestrators and scripts (documented in
/// the README). Start-up failures never print a stack trace: one fatal log line says what is wrong.
/// </summary>
internal static class StartupExitCodes
{
    /// <summary>Stopped normally.</summary>
    public const int Success = 0;

    /// <summary>The ruleset is missing or has defects (the same code as <c>imnm</c> uses).</summary>
    public const int RulesetInvalid = 2;

    /// <summary>The durable store cannot be reached or migrated (BSD sysexits EX_UNAVAILABLE).</summary>
    public const int StoreUnavailable = 69;

    /// <summary>Any other start-up failure, for example the port is taken (EX_SOFTWARE).</summary>
    public const int Failed = 70;

    /// <summary>A setting is invalid (EX_CONFIG).</summary>
    public const int InvalidSetting = 78;
}
