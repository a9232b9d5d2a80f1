namespace ImnmDecision.Engine.Batch;

/// <summary>The <c>type</c> URIs of batch problems (the RFC 9110 sections of their status codes).</summary>
public static class BatchProblemTypes
{
    /// <summary>400: the row (or the request) is invalid.</summary>
    public const string BadRequest = "https://tools.ietf.org/html/rfc9110#section-15.5.1";

    /// <summary>413: the row or the batch is too large.</summary>
    public const string ContentTooLarge = "https://tools.ietf.org/html/rfc9110#section-15.5.14";

    /// <summary>The title of a row whose fields are invalid.</summary>
    public const string ValidationTitle = "One or more validation errors occurred.";
}
