namespace ImnmDecision.Api.Hosting;

/// <summary>A setting has a value the service cannot run with; start-up stops with exit code 78.</summary>
internal sealed class InvalidSettingException : Exception
{
    public InvalidSettingException()
    {
    }

    public InvalidSettingException(string message)
        : base(message)
    {
    }

    public InvalidSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
