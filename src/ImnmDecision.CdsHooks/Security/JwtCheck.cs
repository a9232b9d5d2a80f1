namespace ImnmDecision.CdsHooks.Security;

/// <summary>The outcome of checking a JWT.</summary>
internal readonly record struct JwtCheck(JwtFailure? Failure, string? Issuer)
{
    public bool Valid => Failure is null;

    public static JwtCheck Fail(JwtFailure failure) => new(failure, null);
}
