using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Api.Hosting;

/// <summary>The ruleset this process serves, once loaded; readiness is "a valid ruleset is loaded".</summary>
internal sealed class RulesetState
{
    private Ruleset? ruleset;

    /// <summary>The loaded ruleset, or <c>null</c> before start-up has loaded one.</summary>
    public Ruleset? Ruleset => Volatile.Read(ref ruleset);

    /// <summary>The folder it was loaded from.</summary>
    public string? Folder { get; private set; }

    public void Loaded(Ruleset loaded, string folder)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        Folder = folder;
        Volatile.Write(ref ruleset, loaded);
    }
}
