namespace ImnmDecision.Api.Problems;

/// <summary>
/// Thrown while reading a request body that exceeds its limit. Deliberately not an <see cref="IOException"/>:
/// minimal-API binding swallows those, and this one must reach <see cref="ApiExceptionHandler"/> to become a 413.
/// </summary>
internal sealed class RequestBodyTooLargeException : Exception
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
