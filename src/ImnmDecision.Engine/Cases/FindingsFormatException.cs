using System.Text.Json;

namespace ImnmDecision.Engine.Cases;

/// <summary>A case that could not be read, with every error found (keyed by JSON path, worded without the values sent).</summary>
public sealed class FindingsFormatException : JsonException
{
    /// <summary>Creates the exception for the errors found.</summary>
    public FindingsFormatException(IReadOnlyList<FindingError> errors)
        : base("The findings do not fit the v1 contract.", errors is { Count: > 0 } ? "$" : "$", null, null) => Errors = errors;

    /// <summary>Creates the exception with no errors (for serializers).</summary>
    public FindingsFormatException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FindingsFormatException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FindingsFormatException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>The errors, in the order found.</summary>
    public IReadOnlyList<FindingError> Errors { get; }
}
