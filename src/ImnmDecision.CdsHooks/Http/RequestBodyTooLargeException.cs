namespace ImnmDecision.CdsHooks.Http;

/// <summary>
/// Thrown while reading a request body that exceeds its limit. Deliberately not an <see cref="IOException"/>:
/// minimal-API binding swallows those, and this one must reach the API's exception handler to become a 413.
/// </summary>
public sealed class RequestBodyTooLargeException : Exception
{
    public RequestBodyTooLargeException(long limitBytes)
        : base($"The request body exceeds the limit of {limitBytes} bytes.")
    {
        LimitBytes = limitBytes;
    }

    public RequestBodyTooLargeException()
    {
    }

    public RequestBodyTooLargeException(string message)
        : base(message)
    {
    }

    public RequestBodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The limit that was exceeded, in bytes.</summary>
    public long? LimitBytes { get; }
}
