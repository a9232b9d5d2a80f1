namespace ImnmDecision.Cli;

/// <summary>The exit codes of <c>imnm</c>, stable for scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked (every row scored).</summary>
    public const int Success = 0;

    /// <summary><c>imnm score</c>: one or more rows carry an error; the others were scored.</summary>
    public const int RowsFailed = 1;

    /// <summary>The ruleset is invalid, cannot be found, or is not the pinned version.</summary>
    public const int RulesetInvalid = 2;

    /// <summary>The input was refused or cannot be read (identifier-like or unknown columns, a missing file, an invalid case).</summary>
    public const int InputRefused = 3;

    /// <summary>
    /// <c>imnm score</c>: a fault ended the batch early (a JSON array whose syntax breaks, input that cannot be
    /// read, a failure): the rows before it were written, then the summary with <c>aborted</c> and the reason.
    /// </summary>
    public const int Aborted = 4;

    /// <summary>
    /// A store is configured for the audit (<c>--store</c>, <c>Store__ConnectionString</c> or
    /// <c>Store__SqlitePath</c>) but cannot be opened or migrated; nothing was assessed (BSD sysexits
    /// EX_UNAVAILABLE, as the API's start-up uses).
    /// </summary>
    public const int StoreUnavailable = 69;

    /// <summary>Interrupted (Ctrl+C), as a shell reports SIGINT.</summary>
    public const int Cancelled = 130;

    /// <summary>An unexpected failure inside imnm (BSD sysexits EX_SOFTWARE); reported in one line, never a stack trace.</summary>
    public const int InternalError = 70;

    /// <summary>The command line is wrong (BSD sysexits EX_USAGE).</summary>
    public const int Usage = 64;
}
