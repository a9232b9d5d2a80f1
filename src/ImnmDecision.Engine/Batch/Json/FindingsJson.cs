using System.Diagnostics.CodeAnalysis;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Reads one case from JSON the way a batch row is read: the findings schema, and on failure a
/// problem keyed by JSON path that never repeats the value sent (an identifier-like property is named as such).
/// The validation rules (<see cref="FindingsValidator"/>) are a separate step.
/// </summary>
public static class FindingsJson
{
    /// <summary>Reads a case from UTF-8 JSON.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out Findings? findings, [NotNullWhen(false)] out BatchProblem? problem)
    {
        var values = new FindingValues();
        var errors = new List<FindingError>();
        if (FindingsJsonReader.TryRead(utf8Json, values, errors))
        {
            findings = new Findings(values);
            problem = null;
            return true;
        }

        findings = null;
        problem = JsonRecordParser.Problem(1, errors);
        return false;
    }
}
