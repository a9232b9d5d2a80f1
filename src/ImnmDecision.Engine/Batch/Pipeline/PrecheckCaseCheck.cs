using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// The batch path's check: every check's outcome as one bit (<see cref="FindingsPrecheck"/>), and the errors of a
/// set of broken checks built once and shared (<see cref="BatchValidation"/>), so a valid row allocates nothing.
/// </summary>
public sealed class PrecheckCaseCheck : ICaseCheck
{
    public string Name => "precheck";

    public IReadOnlyDictionary<string, string[]>? Errors(Findings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return BatchValidation.Errors(findings.Values);
    }
}
