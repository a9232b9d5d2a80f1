namespace ImnmDecision.Api.Security;

/// <summary>Whether <c>/api/v1</c> requires tokens in this process, and the settings it was configured with.</summary>
internal sealed record ApiAuthState(bool Enabled, ApiAuthOptions Options);
