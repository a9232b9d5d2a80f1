namespace ImnmDecision.Engine.Serialization;

/// <summary>Another spelling accepted when reading an enum value; answers always use the declared name.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = true)]
public sealed class JsonAliasAttribute(string alias) : Attribute
{
    /// <summary>The accepted spelling.</summary>
    public string Alias { get; } = alias;
}
