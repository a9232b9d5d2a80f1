namespace ImnmDecision.Engine.Facts;

/// <summary>The type of a fact, which decides the operators and values a rule may use with it.</summary>
public enum FactType
{
    /// <summary>A number, with a unit.</summary>
    Number,
    /// <summary>True or false.</summary>
    Boolean,
    /// <summary>One of a closed set of strings.</summary>
    Enum,
    /// <summary>A set of members of a closed set of strings.</summary>
    Set,
}
