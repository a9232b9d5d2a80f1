namespace ImnmDecision.Engine.Rules;

/// <summary>Thrown when a ruleset has defects; start-up stops with every defect listed.</summary>
public sealed class RulesetLoadException : Exception
{
    /// <summary>Creates the exception from the defects found.</summary>
    public RulesetLoadException(IReadOnlyList<RulesetError> errors)
        : base($"The ruleset has {errors?.Count ?? 0} defect(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors ?? [])}")
    {
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public RulesetLoadException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RulesetLoadException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RulesetLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every defect found.</summary>
    public IReadOnlyList<RulesetError> Errors { get; }
}
