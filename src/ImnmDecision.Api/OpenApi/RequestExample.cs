namespace ImnmDecision.Api.OpenApi;

/// <summary>A named example case shown in Swagger UI's example picker.</summary>
/// <param name="Name">The key, from the file name without its ordering prefix (<c>anti-srp</c>).</param>
/// <param name="Summary">The one-line title shown in the picker.</param>
/// <param name="Description">What the case shows, for the clinician.</param>
/// <param name="Json">The findings, as JSON text.</param>
internal sealed record RequestExample(string Name, string Summary, string Description, string Json);
