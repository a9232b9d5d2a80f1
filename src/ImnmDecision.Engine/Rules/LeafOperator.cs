namespace ImnmDecision.Engine.Rules;

/// <summary>The closed set of leaf operators.</summary>
public enum LeafOperator
{
    /// <summary>Equal (number, boolean, enum).</summary>
    Eq,
    /// <summary>Not equal (number, boolean, enum).</summary>
    Ne,
    /// <summary>Greater than (number).</summary>
    Gt,
    /// <summary>Greater than or equal (number).</summary>
    Gte,
    /// <summary>Less than (number).</summary>
    Lt,
    /// <summary>Less than or equal (number).</summary>
    Lte,
    /// <summary>One of a list (enum).</summary>
    In,
    /// <summary>None of a list (enum).</summary>
    NotIn,
    /// <summary>Contains the member (set).</summary>
    Contains,
    /// <summary>Contains any of the list (set).</summary>
    ContainsAny,
    /// <summary>Is empty, or not (set).</summary>
    Empty,
    /// <summary>Is known, or not (any fact); never unknown itself.</summary>
    Known,
}
