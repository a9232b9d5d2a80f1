using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImnmDecision.Api.OpenApi;

/// <summary>
/// The named request examples: the JSON files in <c>Examples/</c>, embedded in the assembly, in file-name order.
/// Each file holds <c>summary</c>, <c>description</c> and <c>value</c> (the findings). Adding a file adds an
/// example; the round-trip test then asks for its expected subtype.
/// </summary>
internal static partial class ExampleCatalog
{
    private const string ResourcePrefix = "ImnmDecision.Api.Examples.";

    private static readonly Lazy<IReadOnlyList<RequestExample>> Loaded = new(Load);

    public static IReadOnlyList<RequestExample> All => Loaded.Value;

    private static RequestExample[] Load()
    {
        var assembly = typeof(ExampleCatalog).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var document = JsonDocument.Parse(stream);
                var root = document.RootElement;
                var fileName = name[ResourcePrefix.Length..^".json".Length];
                return new RequestExample(
                    OrderPrefix().Replace(fileName, string.Empty),
                    root.GetProperty("summary").GetString()!,
                    root.GetProperty("description").GetString()!,
                    root.GetProperty("value").GetRawText());
            })
            .ToArray();
    }

    [GeneratedRegex(@"^\d+-")]
    private static partial Regex OrderPrefix();
}
