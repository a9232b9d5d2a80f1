namespace ImnmDecision.Engine.Cases;

/// <summary>
/// The field checks of a case (<see cref="FindingsCheck.All"/>: ranges, text lengths, two-field relations) and
/// their messages: the seam between the plain check (<see cref="ValidatorCaseCheck"/>, FluentValidation, used by
/// the single endpoint) and the batch path's speed code (<c>PrecheckCaseCheck</c>). Every variant gives the same
/// errors; <see cref="EngineVariants"/> lists them.
/// </summary>
public interface ICaseCheck
{
    /// <summary>The variant's name, for tests and benchmarks.</summary>
    string Name { get; }

    /// <summary>The errors by field path, each path's messages in check order; null when every check holds.</summary>
    IReadOnlyDictionary<string, string[]>? Errors(Findings findings);
}

/// <summary>The plain check: the FluentValidation validator, built at its first use (listing the variant costs nothing).</summary>
public sealed class ValidatorCaseCheck : ICaseCheck
{
    private readonly Lazy<FindingsValidator> validator = new(() => new FindingsValidator());

    public string Name => "validator";

    public IReadOnlyDictionary<string, string[]>? Errors(Findings findings)
    {
        var result = validator.Value.Validate(findings);
        return result.IsValid
            ? null
            : result.Errors.GroupBy(e => e.PropertyName, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }
}
